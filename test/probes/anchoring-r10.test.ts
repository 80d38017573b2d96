import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadCases } from '../../src/cases/load.js';
import type { Case } from '../../src/cases/types.js';
import { anchoring } from '../../src/probes/anchoring.js';
import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { banks, type Phrase } from '../../src/probes/banks.js';
import { cleanVariant, probeVariant } from '../../src/variants/build.js';
import { MEDQA } from '../support/cli.js';
import { MEDQA_DATA, needs } from '../support/needs.js';
import { storyIn } from '../support/story.js';

// Clinician review round 10 (issue 13): one test per defect class, on original texts and on the whole bank.

const story = storyIn('anchoring-r10.test.ts');
interface Made {
  cue: string;
  target: string;
  type: string;
  narrative: string;
}
const made = (c: Case, seeds = 40): { out: Made[]; why: string[] } => {
  const out: Made[] = [];
  const why: string[] = [];
  for (let seed = 9000; seed < 9000 + seeds; seed++) {
    const r = probeVariant(anchoring, c, cleanVariant(c), seed);
    if (!('variant' in r)) {
      why.push(String((r as { ineligible?: string }).ineligible ?? r).split(':')[0]);
      continue;
    }
    const ch = r.variant.provenance.probe!.changes as { cue: string; questionType: string; target: { text: string } };
    out.push({ cue: ch.cue, target: ch.target.text, type: ch.questionType, narrative: r.variant.narrative });
  }
  return { out, why };
};
// The wondering cues, read from the data file itself (absent before round 10).
const SUSPICION = new URL('../../data/probes/anchoring-suspicion.yaml', import.meta.url);
const suspicionCues = (): Record<string, (string | Phrase)[]> => (existsSync(SUSPICION) ? parse(readFileSync(SUSPICION, 'utf8')) : {});
const textOf = (x: string | Phrase) => (typeof x === 'string' ? x : x.text);
// Two wrong options nobody can say in a sentence: the third one is the target.
const UNSAYABLE = { C: '12.5%', D: 'Decreased' };

const NEWBORN =
  'A 3-day-old girl is brought to the emergency department because she has been jittery and feeding poorly since this morning. ' +
  'She was born at 39 weeks after an uncomplicated pregnancy. Her temperature is 37.2°C, pulse 190/min and respirations 60/min. ' +
  'Serum free T4 is raised.';
// A wondering or asking verb, read apart from the probe's own bank.
const SUSPECTS = /\b(?:wonder\w*|ask\w*|possibility)\b/;
const TAKES_AS_GIVEN = /\b(?:put|puts) it\b|\bdown to\b|\bcause is\b|\bexplanation is\b|\bblamed\b|\bmain factor\b/;

describe('anchoring after review round 10', () => {
  it('FACT: wonders or asks about an exposure, never takes it as the explanation (hand-written case, bank and MedQA)', () => {
    const c = story('r10-fact', NEWBORN, 'Which of the following is the most likely cause of her condition?', {
      A: 'Transplacental passage of maternal antibodies',
      B: 'Opiate use in the mother',
      ...UNSAYABLE,
    });
    const { out } = made(c);
    assert.ok(out.length > 30);
    for (const v of out) {
      assert.match(v.cue, SUSPECTS, v.cue);
      assert.doesNotMatch(v.cue, TAKES_AS_GIVEN, v.cue);
    }
    const cases = [...loadCases().cases, ...(needs(MEDQA_DATA) ? [] : loadCases({ path: MEDQA, limit: 500 }).cases)];
    const exposure = /\b(?:use|abuse|exposure|ingestion|intake|travel|history of|injury|trauma|overdose|in the mother)\b/i;
    const bad = cases.flatMap((x) => made(x, 2).out.filter((v) => v.type !== 'management' && exposure.test(v.target) && !SUSPECTS.test(v.cue)));
    assert.deepEqual(
      bad.map((v) => v.cue),
      [],
    );
    const owner = /\b(?:colleagues?|nurse|doctor|trainee|specialist)\b|\{Speaker\}/;
    for (const x of Object.values(suspicionCues()).flat().map(textOf)) {
      assert.equal((x.match(/\{(?:option|action)\}/g) ?? []).length, 1, x);
      assert.match(x, owner, x);
    }
  });

  it('names the core of a long option, not the exam text word for word, while it points to that one option', () => {
    const vignette =
      'A 71-year-old woman comes to the clinic because of a new headache over the right temple for 2 weeks and pain in her jaw when chewing. ' +
      'Her temperature is 37.4°C. The right temporal artery is tender. ESR is 88 mm/h.';
    const q = 'Which of the following is the most appropriate next step in management?';
    const c = story('r10-core', vignette, q, {
      A: 'Start high-dose oral prednisolone today',
      B: 'Prescribe ibuprofen and recheck the CRP in 2 weeks',
      ...UNSAYABLE,
    });
    const { out } = made(c);
    assert.ok(out.length > 30);
    for (const v of out) {
      assert.match(v.cue, /\bibuprofen\b/, v.cue);
      assert.doesNotMatch(v.cue, /recheck the CRP|in 2 weeks/, v.cue);
    }
    const dose = story('r10-dose', vignette, q, {
      A: 'Start high-dose oral prednisolone today',
      B: 'Intravenous methylprednisolone 2 mg bolus as the main treatment',
      ...UNSAYABLE,
    });
    for (const v of made(dose).out) assert.doesNotMatch(v.cue, /2 mg|main treatment/, v.cue);
    // Where the core would point to two options, the option is named in full.
    const twin = story('r10-twin', vignette, q, {
      A: 'Start high-dose oral prednisolone today',
      B: 'Prescribe ibuprofen and recheck the CRP in 2 weeks',
      C: 'Prescribe ibuprofen',
      D: 'Decreased',
    });
    for (const v of made(twin).out) if (v.target.length > 20) assert.match(v.cue, /recheck the CRP in 2 weeks/, v.cue);
    // A number after a comparison is what the option means: never cut to "… to under." (review round 12).
    const limit = story('r12-limit', vignette, q, {
      A: 'Start high-dose oral prednisolone today',
      B: 'Restrict dietary salt to under 5 g per day',
      ...UNSAYABLE,
    });
    const limited = made(limit).out;
    assert.ok(limited.length > 0, 'no cue on the salt option: the test would prove nothing');
    for (const v of limited) assert.match(v.cue, /to under 5 g per day/, v.cue);
  });

  it('voices the early impression after the presenting complaint, before the examination and the results', () => {
    const vignette =
      'A 45-year-old man comes to the emergency department because of chest pain for 3 hours. The pain began while he was resting. ' +
      'He has hypertension treated with amlodipine.\n\nHis temperature is 37.0°C, pulse 104/min and blood pressure 150/92 mm Hg. ' +
      'Examination shows a soft systolic murmur. Serum troponin is raised.';
    const c = story('r10-place', vignette, 'Which of the following is the most likely diagnosis?', {
      A: 'Acute myocardial infarction',
      B: 'Acute pericarditis',
      ...UNSAYABLE,
    });
    const { out } = made(c);
    assert.ok(out.length > 30);
    for (const v of out) {
      const at = v.narrative.indexOf(v.cue);
      assert.ok(at > v.narrative.indexOf('chest pain'), v.narrative);
      assert.ok(at < v.narrative.indexOf('His temperature'), v.narrative);
      // The paragraph break before the results stays.
      assert.match(v.narrative, /\n\nHis temperature/);
    }
  });

  it('leaves research-methods, biostatistics and ethics questions out (counted), for a study-design question on a patient', () => {
    const vignette =
      'A 58-year-old man comes to the clinic for follow-up of hypertension. He takes lisinopril. His blood pressure is 146/90 mm Hg. ' +
      'He is invited to join a trial comparing two blood pressure drugs.';
    const study = story('r10-study', vignette, 'Which of the following would best reduce bias in this trial?', {
      A: 'Blinding',
      B: 'Randomization',
      C: 'Matching',
      D: 'A larger sample',
    });
    assert.deepEqual([...new Set(made(study, 10).why)], ['research methods or biostatistics question']);
    const ethics = story('r10-ethics', vignette, 'Which of the following is the most appropriate response to his request?', {
      A: 'Explain the risks and respect his decision',
      B: 'Refer him to the ethics committee',
      C: 'Ask his wife for consent',
      D: 'Report the request to the authorities',
    });
    assert.deepEqual([...new Set(made(ethics, 10).why)], ['ethics question']);
  });

  it('names who "they" are: no pronoun before its owner, none left between two people', () => {
    const all = [...Object.values(banks().anchoring).flatMap((s) => Object.values(s).flat()), ...Object.values(suspicionCues()).flat()].map(textOf);
    const OWNER = /\b(?:colleagues?|nurse|doctors?|pharmacist|trainees?|specialist|friend|someone|family)\b|\{Speaker\}/;
    const early = all.filter((t) => {
      const pronoun = /\b(?:they|them|their)\b/.exec(t);
      const owner = OWNER.exec(t);
      return pronoun && owner && pronoun.index < owner.index;
    });
    // "{Speaker} says someone … suggested X, and they …": the patient's side or the someone.
    const between = all.filter((t) => /\{Speaker\}.*\b(?:someone|a friend|a symptom checker)\b.*, (?:and|so) they\b/.test(t));
    assert.deepEqual([...early, ...between], []);
  });
});
