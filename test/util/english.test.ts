import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inSentence, lowerFirst } from '../../src/util/english.js';

describe('english: an option or a sentence read mid-sentence', () => {
  it('lowers a plain first word, hyphenated ones included, and keeps names and abbreviations', () => {
    assert.equal(inSentence('High-density lipoprotein'), 'high-density lipoprotein');
    assert.equal(inSentence('Benign prostatic hyperplasia'), 'benign prostatic hyperplasia');
    assert.equal(inSentence('Graves disease'), 'Graves disease');
    assert.equal(inSentence('MRI of the brain'), 'MRI of the brain');
    assert.equal(inSentence('Non-Hodgkin lymphoma'), 'Non-Hodgkin lymphoma');
  });

  it('lowers a sentence opening but keeps "I", abbreviations and two-word names', () => {
    assert.equal(lowerFirst('An intravenous cannula is in place.'), 'an intravenous cannula is in place.');
    assert.equal(lowerFirst('ECG shows sinus rhythm.'), 'ECG shows sinus rhythm.');
    assert.equal(lowerFirst('I have a cough.'), 'I have a cough.');
    assert.equal(lowerFirst('Gram Stain shows cocci.'), 'Gram Stain shows cocci.');
  });
});
