import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lint } from '../fixture.js';

// Made-up texts: the checker's own tests.
const BASE = 'A 30-year-old man has had a cough for 2 weeks. He works nights as a porter, and the family rents a small flat. Pulse is 88/min.';

describe('third-person-in-quote: the teller and their household named in the third person inside "I"', () => {
  it('flags "the family", "a well-off family" and "the patient" in a first-person quote', () => {
    for (const bad of [
      '"I work nights as a porter, and the family rents a small flat."',
      '"I live in a flat paid for by a well-off family."',
      '"I have had a cough, and the patient smokes."',
      '"I have had a cough. The mother states that I smoke."',
    ])
      assert.equal(lint('third-person-in-quote', BASE, `A man, in his own words: ${bad} Pulse is 88/min.`, 'lay_voice').length, 1, bad);
  });
  it('passes "my family", a family history, and the sentence left outside the quote', () => {
    for (const ok of [
      'A man, in his own words: "I work nights as a porter, and my family rents a small flat." Pulse is 88/min.',
      'A man, in his own words: "I have had a cough for 2 weeks." He works nights as a porter, and the family rents a small flat.',
      'A man, in his own words: "I have had a cough. There is no history of cancer in the family."',
    ])
      assert.deepEqual(lint('third-person-in-quote', BASE, ok, 'lay_voice'), [], ok);
  });
});
