import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lint } from '../fixture.js';

// Made-up texts: the checker's own tests.
const BASE = 'A 24-year-old man stopped going to work. His speech drifts from topic to topic. He is agitated. Pulse is 96/min.';

describe("finding-in-quote: the patient's present state and speech", () => {
  it('flags the present state voiced by the patient inside the quote', () => {
    for (const bad of ['"I stopped going to work, and my speech drifts from topic to topic."', '"I am agitated."', '"I\'m visibly diaphoretic."'])
      assert.equal(lint('finding-in-quote', BASE, `A man, in his own words: ${bad} Pulse is 96/min.`, 'lay_voice').length, 1, bad);
  });
  it('passes it outside the quote, or told with a span of the history', () => {
    for (const ok of [
      'A man, in his own words: "I stopped going to work." His speech drifts from topic to topic. He is agitated.',
      'A man, in his own words: "I have been agitated since my brother left."',
    ])
      assert.deepEqual(lint('finding-in-quote', BASE, ok, 'lay_voice'), [], ok);
  });
});
