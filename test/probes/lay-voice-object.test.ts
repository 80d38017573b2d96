import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Case } from '../../src/cases/types.js';
import { layVoice } from '../../src/probes/lay-voice.js';
import { unstock } from '../../src/probes/lay-voice/stock.js';
import { patientProfile } from '../../src/probes/profile.js';
import { isIneligible } from '../../src/probes/types.js';
import { cleanVariant } from '../../src/variants/build.js';

const OPTIONS = { A: 'Sacral agenesis', B: 'Spina bifida', C: 'Trisomy 18', D: 'Sepsis' };

/** A small original case through the real probe: what it quotes. */
function told(vignette: string, seed: number): { v: string; q: string } {
  const c = { id: 't-object', specialty: 'test', vignette, question: 'Which is the most likely cause?', options: OPTIONS, answer: 'A' } as unknown as Case;
  const clean = cleanVariant(c);
  const profile = patientProfile(c, clean.narrative);
  const out = layVoice.apply({ case: c, narrative: clean.narrative, question: clean.question, options: clean.options, answer: clean.answer, profile }, seed);
  assert.ok(!isIneligible(out), 'ineligible');
  return { v: out.narrative, q: (out.narrative.match(/"[^"]*"/g) ?? []).join(' ') };
}
const quoted = (vignette: string, seed: number) => told(vignette, seed).q;

describe('lay_voice: the teller in object position is "me"', () => {
  // A mother's story: the opening's subject is her newborn, delivered to her.
  const vignette =
    'A 3,100 g female newborn is delivered at 39 weeks to a 31-year-old woman. The mother has lupus and took ' +
    'hydroxychloroquine during pregnancy. Her antibody titer was high 2 weeks before delivery. Heart rate of the newborn is 50/min.';
  for (const seed of [9201, 9202, 9203])
    it(`says "delivered … to me" and tells the mother's own history as "I" (seed ${seed})`, () => {
      const { v, q } = told(vignette, seed);
      assert.doesNotMatch(q, /\bto I\b/);
      assert.match(v, /^In the mother's own words: "/);
      assert.match(q, /\bto me\b/);
      assert.doesNotMatch(q, /\b[Tt]he mother\b/);
      assert.match(q, /\bI have lupus and took hydroxychloroquine\b/);
      // The baby is never the teller.
      assert.doesNotMatch(q, /\bI(?:'m| am) (?:a |the )?(?:[\w,-]+ )*newborn\b/);
    });

  it('names the mother when she goes on after the clinicians\' words, never "He adds:" for a boy', () => {
    const boy =
      'A 3,300 g male newborn is delivered at term to a 28-year-old woman. The mother had no prenatal care. ' +
      'Heart rate of the newborn is 170/min. The mother says she had a fever during labour.';
    for (const seed of [9201, 9202, 9203, 9204]) {
      const { v } = told(boy, seed);
      assert.doesNotMatch(v, /\b(?:He|She) adds:/, v);
      if (/adds:/.test(v)) assert.match(v, /The mother adds: "/, v);
    }
  });
});

describe('lay_voice: a denial of doing keeps its verb', () => {
  it('says "haven\'t been taking", never "haven\'t had taking"', () => {
    assert.equal(unstock('I deny taking any medicines or street drugs.', null), "I haven't been taking any medicines or street drugs.");
    assert.equal(unstock('I have a rash but denies being outside in the sun.', null), "I have a rash but haven't been outside in the sun.");
    assert.equal(unstock('I deny hearing voices or seeing things.', null), "I haven't been hearing voices or seeing things.");
    // A symptom, or "any" feeling, is still "had".
    assert.equal(unstock('I deny any feeling of dread.', null), "I haven't had any feeling of dread.");
    assert.equal(unstock('I cough but denies any feeling of dread.', null), "I cough but haven't had any feeling of dread.");
    assert.equal(unstock('I deny fever or chills.', null), "I haven't had fever or chills.");
  });
  it('retells a whole case without "had taking"', () => {
    const q = quoted(
      'A 40-year-old man presents with a bronze skin colour for 3 months. He denies taking any medicines and denies being outside in the sun. Pulse is 80/min.',
      9204,
    );
    assert.doesNotMatch(q, /\bhad (?:taking|being)\b/);
    assert.match(q, /\bhaven't been taking any medicines\b/);
  });
});
