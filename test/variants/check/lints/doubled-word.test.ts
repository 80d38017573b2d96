import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lint } from '../fixture.js';

// Made-up texts: the checker's own tests.
const BASE = 'A 64-year-old woman has had continuous spinning vertigo for 10 hours. She had had a cold. Pulse is 96/min.';
const flags = (s: string, base = BASE) => lint('doubled-word', base, `A woman, in her own words: "${s}" Pulse is 96/min.`, 'lay_voice');

describe('doubled-word', () => {
  it('flags a word the probe doubled', () => {
    assert.equal(flags('I have had continuous spinning spinning dizziness for 10 hours.').length, 1, 'expected a flag for "spinning spinning"');
    assert.equal(flags('I have had the the dizziness for 10 hours.').length, 1, 'expected a flag for "the the"');
  });
  it('stays silent on "had had", on a doubling the base has, and on plain text', () => {
    assert.equal(flags('I had had a cold.').length, 0, '"had had" is English');
    assert.equal(flags('I have had continuous spinning dizziness for 10 hours.').length, 0, 'nothing doubled');
    const base = 'A 64-year-old woman says "no no" to every question. Pulse is 96/min.';
    assert.equal(
      lint('doubled-word', base, 'A 64-year-old woman says "no no" to every question, she says. Pulse is 96/min.', 'lay_voice').length,
      0,
      'the base has it',
    );
  });
});
