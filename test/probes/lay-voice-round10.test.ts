import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Case } from '../../src/cases/types.js';
import { layVoice } from '../../src/probes/lay-voice.js';
import { unstock } from '../../src/probes/lay-voice/stock.js';
import { patientProfile } from '../../src/probes/profile.js';
import { isIneligible } from '../../src/probes/types.js';
import { cleanVariant } from '../../src/variants/build.js';

// Issue 13, review round 10: each class on small original texts through the real probe.

/** The lay_voice variant of a small original case and what it quotes, or its reason for being ineligible. */
function tell(vignette: string, seed = 9001): { v: string; quoted: string } | string {
  const c = { id: 'r10', specialty: 'test', vignette, question: 'Which is the most likely diagnosis?', options: DX, answer: 'A' } as unknown as Case;
  const clean = cleanVariant(c);
  const profile = patientProfile(c, clean.narrative);
  const out = layVoice.apply({ case: c, narrative: clean.narrative, question: clean.question, options: clean.options, answer: clean.answer, profile }, seed);
  if (isIneligible(out)) return out.ineligible;
  return { v: out.narrative, quoted: (out.narrative.match(/"[^"]*"/g) ?? []).join(' ') };
}
const DX = { A: 'Syncope', B: 'Seizure', C: 'Anemia', D: 'Eczema' };
const told = (vignette: string) => {
  const x = tell(vignette);
  assert.ok(typeof x !== 'string', `ineligible: ${x}`);
  return x;
};

describe('lay_voice round 10: tense and aspect stay as the case has them', () => {
  it('never makes one past event recurrent ("reports blacking out" is no "I\'ve been blacking out")', () => {
    const r = told('A 34-year-old man comes to the clinic with his wife. He reports blacking out and waking up on the garage floor. He has no fever.');
    assert.doesNotMatch(r.quoted, /been blacking out|report blacking/, r.v);
    assert.match(r.v, /He reports blacking out and waking up on the garage floor\./, r.v);
  });
  it('keeps an ongoing state ongoing and a dated event single', () => {
    assert.equal(unstock('I report feeling tired for 3 weeks.', null), "I've been feeling tired for 3 weeks.");
    assert.equal(unstock('I report chest pain 2 days ago.', null), 'I had chest pain 2 days ago.');
    assert.equal(unstock('I report swelling of my ankles.', null), "I've had swelling of my ankles.");
    assert.equal(unstock('I complained of a headache yesterday.', null), 'I had a headache yesterday.');
  });
});

describe("lay_voice round 10: no third person for the teller's household inside the quote", () => {
  it('says "my family" for the case\'s "the family"', () => {
    const r = told('A 40-year-old man comes to the clinic because of a cough for 2 weeks. He works nights as a porter, and the family rents a small flat.');
    assert.match(r.quoted, /my family rents a small flat/, r.v);
    assert.doesNotMatch(r.quoted, /the family/, r.v);
  });
  it("leaves a household no rewrite makes the teller's outside the quote", () => {
    const r = told('A 40-year-old man comes to the clinic because of a cough for 2 weeks. He lives in a large flat paid for by a wealthy family.');
    assert.doesNotMatch(r.quoted, /wealthy family/, r.v);
    assert.match(r.v, /He lives in a large flat paid for by a wealthy family\./, r.v);
  });
  it('says "has had no health problems of note" whoever the subject, a negation still', () => {
    const r = told(
      'A 6-year-old girl is brought to the clinic by her mother because of a cough for 3 days. ' +
        'She was born at 38 weeks and has no significant past medical history.',
    );
    assert.match(r.quoted, /born at 38 weeks and has had no health problems of note/, r.v);
  });
});

describe("lay_voice round 10: results, images and converted measurements stay the clinicians'", () => {
  it('keeps them outside the quote, or leaves the case out when the opening holds one', () => {
    const r = told(
      'A 30-year-old woman comes to the clinic because of a rash for 2 weeks. She gave birth to a 7 lb 1 oz (3.2 kg) boy 2 months ago. ' +
        'The rash is shown in the photograph. She has no fever.',
    );
    assert.doesNotMatch(r.quoted, /\(3\.2 kg\)|photograph/, r.v);
    const x = tell('A 14-year-old boy presents with abdominal pain and is found on ultrasound to have a gallstone.');
    assert.equal(typeof x, 'string', JSON.stringify(x));
    const mother = told('A 3,100 g (6.8 lb) girl is delivered at 39 weeks to a 31-year-old woman. The mother has lupus and took hydroxychloroquine.');
    assert.match(mother.v, /^A 3,100 g \(6\.8 lb\) girl is delivered at 39 weeks to a 31-year-old woman\. In the mother's own words: "I have lupus/, mother.v);
  });
});

describe('lay_voice round 10: chart phrases said plainly, and the doctor addressed as "you"', () => {
  it('brings the child "to see you", not "to her pediatrician"', () => {
    const r = told('A 4-year-old girl is brought to her pediatrician by her mother because of an itchy rash for 3 days.');
    assert.doesNotMatch(r.quoted, /her pediatrician/, r.v);
    assert.match(r.quoted, /to see you/, r.v);
  });
  it('says what the chart calls primary care, NSAIDs, anticoagulants and no significant past medical history in plain words', () => {
    const r = told(
      'A 50-year-old man presents to his primary care physician because of tiredness for 3 months. He takes no NSAIDs or anticoagulants. ' +
        'He has no significant past medical history.',
    );
    assert.doesNotMatch(r.quoted, /primary care|NSAIDs|anticoagulants|significant past medical history/, r.v);
    assert.match(r.quoted, /blood thinners/, r.v);
    assert.match(r.quoted, /\bno (?:other )?health problems of note\b/, r.v);
  });
});
