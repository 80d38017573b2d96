import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadCases } from '../../src/cases/load.js';
import type { Case } from '../../src/cases/types.js';
import { layVoice } from '../../src/probes/lay-voice.js';
import { patientProfile } from '../../src/probes/profile.js';
import { isIneligible } from '../../src/probes/types.js';
import { cleanVariant } from '../../src/variants/build.js';

// Issue 13, review round 11: mechanical grammar classes, each on small original texts or a bank case through the real probe.

const DX = { A: 'Syncope', B: 'Seizure', C: 'Anemia', D: 'Eczema' };
/** The lay_voice variant of a case and what it quotes, or its reason for being ineligible. */
function tellCase(c: Case, seed = 9001): { v: string; quoted: string } | string {
  const clean = cleanVariant(c);
  const profile = patientProfile(c, clean.narrative);
  const out = layVoice.apply({ case: c, narrative: clean.narrative, question: clean.question, options: clean.options, answer: clean.answer, profile }, seed);
  if (isIneligible(out)) return out.ineligible;
  return { v: out.narrative, quoted: (out.narrative.match(/"[^"]*"/g) ?? []).join(' ') };
}
const told = (vignette: string, seed = 9001) => {
  const c = { id: 'r11', specialty: 'test', vignette, question: 'Which is the most likely diagnosis?', options: DX, answer: 'A' } as unknown as Case;
  const x = tellCase(c, seed);
  assert.ok(typeof x !== 'string', `ineligible: ${x}`);
  return x;
};

describe('lay_voice round 11: the teller as a subject is "I"', () => {
  it('says "at which point I felt", never "me felt"', () => {
    const r = told('A 30-year-old woman comes to the clinic because of low mood. She spent all her savings in a week, at which point the patient felt guilty.');
    assert.match(r.quoted, /at which point I felt guilty/, r.v);
    assert.doesNotMatch(r.quoted, /\bme felt\b/, r.v);
  });
  it('keeps the teller an object where the case has the patient as one', () => {
    const r = told('A 30-year-old woman comes to the clinic because of low mood. Her sister found the patient crying at home.');
    assert.match(r.quoted, /found me crying/, r.v);
  });
});

describe('lay_voice round 11: no lay word doubles the word beside it', () => {
  it('says "continuous spinning dizziness" for "continuous spinning vertigo"', () => {
    for (const seed of [9001, 9002, 9003]) {
      const r = told('A 50-year-old man comes to the clinic because he has had continuous spinning vertigo and nausea for 2 days.', seed);
      assert.doesNotMatch(r.quoted, /\b(\w+) \1\b/i, r.v);
      assert.match(r.quoted, /continuous spinning dizziness/, r.v);
    }
  });
  it('doubles no word in any quote of the bank', () => {
    for (const c of loadCases().cases)
      for (const seed of [9001, 9002]) {
        const r = tellCase(c, seed);
        if (typeof r === 'string') continue;
        const m = /\b([a-z]+) \1\b/i.exec(r.quoted);
        assert.ok(!m || /^(?:had|that)$/i.test(m[1]), `${c.id}: ${m?.[0]}`);
      }
  });
});

describe('lay_voice round 11: a verb whose subject is not "I" keeps its agreement', () => {
  it('leaves "persists" after a past "while I was …" clause to its own subject', () => {
    const r = told(
      'A 50-year-old man comes to the clinic because of dizziness for 2 days. It began while he was watching television and persists when he lies still.',
    );
    assert.match(r.quoted, /while I was watching television and persists when I lie still/, r.v);
  });
  it("still makes the teller's own coordinated verb agree", () => {
    const r = told('A 50-year-old man comes to the clinic because of a cough for 2 weeks. He was born in Ohio and has asthma.');
    assert.match(r.quoted, /I was born in Ohio and have asthma/, r.v);
  });
});

describe('lay_voice round 11: the teller does not quote herself', () => {
  it('drops "The mother said that" once the mother is the teller', () => {
    const r = told(
      'A 3-month-old boy is brought to the clinic by his mother for a checkup. The mother said that her son seemed well until the past few weeks.',
    );
    assert.doesNotMatch(r.quoted, /\bI said\b/, r.v);
    assert.match(r.quoted, /My son seemed well until the past few weeks/, r.v);
  });
});

describe('lay_voice round 11: chart lines inside the quote', () => {
  const r = () =>
    told(
      'A 30-year-old woman comes to the clinic because of headaches for 2 weeks. Patient has had no health problems of note and takes no medicines. ' +
        'No significant family history.',
    );
  it('retells a bare "Patient has" like "The patient has"', () => {
    assert.doesNotMatch(r().quoted, /\bPatient has\b/, r().v);
    assert.match(r().quoted, /I have had no health problems of note and (?:take no|don't take any) medicines/, r().v);
  });
  it("leaves a verbless chart fragment the clinician's, outside the quote", () => {
    assert.doesNotMatch(r().quoted, /family history/, r().v);
    assert.match(r().v, /" No significant family history\./, r().v);
  });
});

describe('lay_voice round 12: "attends" an event is coming in for it', () => {
  it('says "I\'ve come in for my review", never "I\'ve come to review"', () => {
    for (const [text, want] of [
      ['A 58-year-old man attends review at the diabetes clinic. He has had no low sugars since his last visit.', /I've come in for review/],
      ['A 44-year-old woman attends her annual check-up. She feels well and has no complaints.', /I've come in for my annual check-up/],
      ['A 35-year-old man attends the clinic because of a cough for 3 weeks. He does not smoke.', /I've come to the clinic/],
    ] as const) {
      const r = told(text);
      assert.match(r.v, want, r.v);
      assert.doesNotMatch(r.v, /I've come to review|I've come to (?:my|her|his) annual/, r.v);
    }
  });
});
