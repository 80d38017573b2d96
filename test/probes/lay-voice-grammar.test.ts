import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Case } from '../../src/cases/types.js';
import { layVoice } from '../../src/probes/lay-voice.js';
import { unstock } from '../../src/probes/lay-voice/stock.js';
import { patientProfile } from '../../src/probes/profile.js';
import { isIneligible } from '../../src/probes/types.js';
import { cleanVariant } from '../../src/variants/build.js';

const OPTIONS = { A: 'Myasthenic crisis', B: 'Stroke', C: 'Pneumonia', D: 'Sepsis' };

/** A small original case through the real probe: the variant and what it quotes. Several seeds, as fillers and typos move. */
function told(vignette: string, seed = 9101): { v: string; quoted: string } {
  const c = { id: 't-grammar', specialty: 'test', vignette, question: 'Which is the most likely diagnosis?', options: OPTIONS, answer: 'A' } as unknown as Case;
  const clean = cleanVariant(c);
  const profile = patientProfile(c, clean.narrative);
  const out = layVoice.apply({ case: c, narrative: clean.narrative, question: clean.question, options: clean.options, answer: clean.answer, profile }, seed);
  assert.ok(!isIneligible(out), 'ineligible');
  return { v: out.narrative, quoted: (out.narrative.match(/"[^"]*"/g) ?? []).join(' ') };
}

describe('lay_voice grammar: lists of the patient\'s verbs agree with "I"', () => {
  const vignette =
    'A 52-year-old man presents with weakness. He has a hoarse voice, coughs when drinking water and cannot lift his arms. ' +
    'He takes no medicines, drinks no alcohol and uses no other drugs. He has fever, chills and night sweats. Pulse is 96/min.';
  for (const seed of [9101, 9102, 9103])
    it(`conjugates every verb of the list, keeps the complaints plural (seed ${seed})`, () => {
      const { quoted } = told(vignette, seed);
      assert.match(quoted, /\bcough when drinking water\b/);
      assert.match(quoted, /\bdrink no alcohol\b/);
      assert.match(quoted, /\bchills\b/);
      assert.doesNotMatch(quoted, /\b(?:coughs|drinks|uses) (?:when|no)\b/);
    });
});

describe('lay_voice voice: the chart\'s bare "self" and headings', () => {
  it('says "myself" for "self"', () => {
    const { quoted } = told('A 30-year-old man presents with low mood for 2 months. He has had thoughts of harming self or others. Pulse is 80/min.');
    assert.match(quoted, /harming myself or others/);
    assert.doesNotMatch(quoted, /\bself\b(?!-)/);
  });
  it('says what the patient takes and has had, not the chart headings', () => {
    const { quoted } = told(
      'A 60-year-old woman presents with cough for 3 weeks. Past medical history includes asthma. Current medications include ' +
        'metformin and lisinopril. Pulse is 80/min.',
    );
    assert.doesNotMatch(quoted, /medications include|medical history includes/i);
    assert.match(quoted, /\btake metformin and lisinopril\b/);
  });
  it("drops the reporting frame left in the teller's clause", () => {
    assert.equal(unstock('I have heartburn, which I say has become worse.', null), 'I have heartburn, which has become worse.');
    assert.equal(unstock('During a review of systems, I described a trip to the desert.', null), 'I should also mention a trip to the desert.');
  });
});

describe('lay_voice voice: a parent telling is one of the parents', () => {
  it('says "one of us" and "both of us", never the parents in the third person inside the quote', () => {
    const { quoted } = told(
      'A 3-year-old boy is brought to the physician by his parents because of fever for 2 days. One parent is a pilot and the ' +
        'other owns a bakery. Both parents smoke outdoors. Temperature is 39.0°C.',
    );
    assert.match(quoted, /\bOne of us is a pilot and the other owns a bakery\b/);
    assert.match(quoted, /\bboth of us smoke outdoors\b/i);
    assert.doesNotMatch(quoted, /\bparents?\b/i);
  });
  it('leaves a sentence that still names the parents in the third person outside the quote', () => {
    const { v, quoted } = told(
      'A 4-year-old girl is brought to the physician by her mother because of a rash for 3 days. She has had a cough. ' +
        "The household relies on one parent's wages. Temperature is 38.2°C.",
    );
    assert.doesNotMatch(quoted, /\bparent/);
    assert.match(v, /The household relies on one parent's wages\./);
  });
});

describe("lay_voice: the speech heard at this visit stays the clinicians'", () => {
  it('keeps "his speech drifts from topic to topic" outside the quote', () => {
    const { v, quoted } = told(
      'A 24-year-old man is brought in by his brother because of odd behaviour for 6 months. He stopped going to classes. ' +
        'He showers rarely, and his speech drifts from topic to topic. Pulse is 90/min.',
    );
    assert.doesNotMatch(quoted, /speech drifts/);
    assert.match(v, /speech drifts from topic to topic/);
  });
});
