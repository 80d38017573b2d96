import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lint } from '../fixture.js';

// Made-up texts: the checker's own tests.
const BASE = 'A 47-year-old man has weakness. He has a hoarse voice and takes no medicines. Pulse is 96/min.';
const flags = (s: string) => lint('first-person-agreement', BASE, `A man, in his own words: "${s}" Pulse is 96/min.`, 'lay_voice');

describe('first-person-agreement: verbs of an "I" list the tagger reads as nouns', () => {
  it('flags a third-person verb after a comma or "and" in a list of the teller\'s verbs', () => {
    for (const bad of [
      'I have a hoarse voice, coughs when drinking water and cannot lift my arms.',
      'I take no medicines, drinks no alcohol and use no other drugs.',
      'I have met a nurse, follow the plan, walks daily and keep a diary.',
      'I lose things and feels immediately better afterwards.',
      'During the attacks I feel dizzy, feels tingling in my hands and sweat.',
      // The list's head past a modifier ("other prescribed"), an auxiliary ("don't") or "never".
      'I take no tablets or other prescribed drugs, drinks no alcohol and use no other drugs.',
      "I feel well, don't take any tablets, drinks little coffee and have no fever.",
      'I have never smoked a cigarette, feels fine and have no rash.',
      'I have slept badly without feeling tired, talks rapidly and cannot stop.',
    ])
      assert.ok(flags(bad).length >= 1, `expected a flag for: ${bad}`);
  });
  it('stays silent on complaint lists and on the corrected verbs', () => {
    for (const ok of [
      'I have a hoarse voice, cough when drinking water and cannot lift my arms.',
      'I take no medicines, drink no alcohol and use no other drugs.',
      'I have fever, chills and night sweats.',
      'I have had headaches, muscle aches, fever, and chills for a week.',
      'I get cramps, sweats at night and aches in my legs.',
    ])
      assert.deepEqual(flags(ok), [], ok);
  });
});

describe('first-person-agreement: "I" as an object and garbled denials', () => {
  it('flags "I" after a preposition or verb, "I\'s", and "had" before a verb of doing', () => {
    for (const bad of [
      'A baby girl is delivered to I. I have asthma.',
      'The nurse gave I and my husband a leaflet.',
      "I's knee hurts when I walk.",
      "I haven't had taking any tablets or street drugs.",
      "I have a cough but haven't had being near anyone sick.",
      "I haven't had hearing voices or seeing things.",
      'I smells of smoke and cannot stand up.',
    ])
      assert.ok(flags(bad).length >= 1, `expected a flag for: ${bad}`);
  });
  it('stays silent on "me", on "I" starting its own clause and on symptoms one has had', () => {
    for (const ok of [
      'A baby girl is delivered to me. I have asthma.',
      'The doctor told me I was fine, and after I rested the pain went.',
      "I haven't been taking any tablets, and I haven't had hearing loss or seeing problems.",
      'I have had spotting and I have never had anything like this.',
      'I was told I had type I diabetes.',
    ])
      assert.deepEqual(flags(ok), [], ok);
  });
});

describe('first-person-agreement: "me" as the subject of a past verb (review round 11)', () => {
  it('flags "at which point me felt" and not "made me feel"', () => {
    assert.ok(flags('I spent my savings, at which point me felt guilty.').length >= 1, 'expected a flag for "me felt"');
    assert.equal(flags('It made me feel guilty.').length, 0, 'no flag for "made me feel"');
  });
});
