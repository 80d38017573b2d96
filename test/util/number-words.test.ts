import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { numberWords, wordsNumber } from '../../src/util/number-words.js';
import { neutralAge } from '../../src/variants/free-text/neutral.js';
import { statedAge } from '../../src/probes/profile.js';
import { values } from '../../src/variants/check/facts.js';

describe('ages written in words', () => {
  it('round-trips every whole number from 0 to 120', () => {
    for (let n = 0; n <= 120; n++) assert.equal(wordsNumber(numberWords(n)!), n, String(n));
    assert.equal(numberWords(45), 'forty-five');
    assert.equal(wordsNumber('several'), null);
  });
  it('the neutral edit swaps digits and words in the first age phrase, capitalised at a sentence start', () => {
    assert.deepEqual(neutralAge('A 45-year-old man.'), { text: 'A forty-five-year-old man.', from: '45-year-old', to: 'forty-five-year-old' });
    assert.equal(neutralAge('An 8-month-old girl.')!.text, 'An eight-month-old girl.');
    assert.equal(neutralAge('A two-day-old boy.')!.text, 'A 2-day-old boy.');
    assert.equal(neutralAge('45-year-old man, seen today.')!.text, 'Forty-five-year-old man, seen today.');
    assert.equal(neutralAge('An elderly man.'), null);
  });
  it('the readers downstream read a spelled age as its number', () => {
    assert.equal(statedAge('A three-month-old girl is brought in.'), (3 * 30.44) / 365.25);
    assert.equal(statedAge('A forty-five-year-old man.'), 45);
    assert.deepEqual(values('A forty-five-year-old man.'), values('A 45-year-old man.'));
  });
});
