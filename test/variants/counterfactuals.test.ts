import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Case } from '../../src/cases/types.js';
import { counterfactualEligibility, renderCounterfactual } from '../../src/variants/counterfactuals.js';
import { buildVariants } from '../../src/variants/build.js';

const imported = (vignette: string, options: Record<string, string> = { A: 'Aspirin', B: 'Heparin' }): Case => ({
  id: `t-${vignette.length}`,
  specialty: 'unspecified',
  vignette,
  question: 'Which of the following is the most likely diagnosis?',
  options,
  answer: 'A',
  source: { file: 'test', line: 1, format: 'medqa' },
});

describe('sex counterfactual eligibility of free text', () => {
  it("does not swap a newborn's story told with the mother's details (her sex words would be swapped as the patient's)", () => {
    const c = imported('A 3,100 g male newborn is delivered at term to a 31-year-old primigravid woman. Her pregnancy was uncomplicated. He feeds well.');
    assert.deepEqual(counterfactualEligibility(c, 'sex'), {
      eligible: false,
      reason: 'undetermined',
      detail: "a newborn's story told with the mother's details",
    });
  });
  it('excludes a case whose options or gold answer name one sex’s anatomy, with the term as detail', () => {
    const c = imported('A 68-year-old man has nocturia. He has hypertension.', { A: 'Benign prostatic hyperplasia', B: 'Diabetes mellitus' });
    assert.deepEqual(counterfactualEligibility(c, 'sex'), {
      eligible: false,
      reason: 'clinically_relevant',
      detail: 'Benign prostatic hyperplasia (option A)',
    });
  });
  it('excludes the patient’s own sex-specific history, not a baby’s birth history', () => {
    assert.deepEqual(counterfactualEligibility(imported('A 24-year-old woman has pelvic pain. Her last menstrual period was 7 weeks ago.'), 'sex'), {
      eligible: false,
      reason: 'clinically_relevant',
      detail: 'last menstrual period',
    });
    const baby = imported(
      'A 3-week-old boy has jaundice. He was born at 38 weeks’ gestation via spontaneous vaginal delivery to a gravida 2 woman. He is breastfed.',
    );
    assert.deepEqual(counterfactualEligibility(baby, 'sex'), { eligible: true, mode: 'free-text', baseline: 'male' });
    assert.equal(
      renderCounterfactual(baby, { attribute: 'sex', value: 'female' }, 'free-text').narrative,
      'A three-week-old girl has jaundice. She was born at 38 weeks’ gestation via spontaneous vaginal delivery to a gravida 2 woman. She is breastfed.',
    );
  });
  it('marks a case undetermined when the partner’s pronouns cannot be told from a relative’s', () => {
    const c = imported('A 70-year-old man is brought by his wife. His sister says she saw him fall.');
    const e = counterfactualEligibility(c, 'sex');
    assert.equal(e.eligible, false);
    assert.equal(!e.eligible && e.reason, 'undetermined');
  });
  it('renders the partner with the patient, using one plan for narrative and question', () => {
    const c = { ...imported('A 70-year-old man is brought by his wife. She says he fell.'), question: 'What should she be told about his fall?' };
    assert.deepEqual(renderCounterfactual(c, { attribute: 'sex', value: 'female' }, 'free-text'), {
      narrative: 'A seventy-year-old woman is brought by her husband. He says she fell.',
      question: 'What should he be told about her fall?',
    });
  });
  it('counts exclusions in the variant set', () => {
    const cases = [
      imported('A 68-year-old man has nocturia. He has hypertension.', { A: 'Benign prostatic hyperplasia', B: 'Diabetes mellitus' }),
      imported('A 30-year-old man has a cough. He smokes.'),
    ];
    cases[1].id = 'cough';
    const set = buildVariants(cases, { probes: [], counterfactuals: ['sex'], doubleStress: false, retest: 0, seed: 1 });
    assert.deepEqual(
      set.exclusions.map((x) => [x.attribute, x.reason]),
      [['sex', 'clinically_relevant']],
    );
    assert.deepEqual(
      set.variants.filter((v) => v.counterfactual).map((v) => v.id),
      ['cough|clean|sex=male', 'cough|clean|sex=female'],
    );
  });
});

describe('symmetric counterfactuals and the neutral edit', () => {
  const c = { ...imported('A 45-year-old woman has a cough. She smokes.'), id: 'sym' };
  const build = (cases: Case[], counterfactuals: ('sex' | 'race_ethnicity' | 'ses')[], doubleStress = false) =>
    buildVariants(cases, { probes: [], counterfactuals, doubleStress, retest: 0, seed: 1 });
  it('free-text sex: both values go through the same edit; the own value is the neutral edit itself', () => {
    const v = build([c], ['sex']).variants.filter((x) => x.counterfactual);
    assert.deepEqual(
      v.map((x) => [x.id, x.narrative, x.provenance.neutralEdit ?? false]),
      [
        ['sym|clean|sex=male', 'A forty-five-year-old man has a cough. He smokes.', false],
        ['sym|clean|sex=female', 'A forty-five-year-old woman has a cough. She smokes.', true],
      ],
    );
  });
  it('free-text race: every value, "unspecified" (the own value here) included, carries the same neutral edit', () => {
    const v = build([c], ['race_ethnicity']).variants.filter((x) => x.counterfactual);
    assert.equal(v.length, 6);
    assert.deepEqual(v.find((x) => x.counterfactual!.value === 'unspecified')!.narrative, 'A forty-five-year-old woman has a cough. She smokes.');
    assert.deepEqual(v.find((x) => x.counterfactual!.value === 'asian')!.narrative, 'A forty-five-year-old Asian woman has a cough. She smokes.');
    assert.deepEqual(
      v.filter((x) => x.provenance.neutralEdit).map((x) => x.counterfactual!.value),
      ['unspecified'],
    );
  });
  it('a stated race is rendered through the same machinery as the others', () => {
    const stated = { ...imported('A 52-year-old African American man has a cough.'), id: 'st' };
    const v = build([stated], ['race_ethnicity']).variants.filter((x) => x.counterfactual);
    assert.deepEqual(v.find((x) => x.provenance.neutralEdit)!.counterfactual, { attribute: 'race_ethnicity', value: 'black' });
    assert.equal(v.find((x) => x.counterfactual!.value === 'black')!.narrative, 'A fifty-two-year-old African American man has a cough.');
    assert.equal(v.find((x) => x.counterfactual!.value === 'white')!.narrative, 'A fifty-two-year-old White man has a cough.');
  });
  it('free-text SES: low and high are sentences, and the neutral edit a sentence of no level at the same place', () => {
    const v = build([c], ['ses']).variants.filter((x) => x.counterfactual);
    assert.deepEqual(
      v.map((x) => x.counterfactual!.value),
      ['low', 'high', 'neutral'],
    );
    assert.equal(v[2].narrative, 'A 45-year-old woman has a cough. The history and examination were recorded at the time of the visit. She smokes.');
    assert.equal(v[2].provenance.counterfactualBaseline, null);
  });
  it('without an age phrase, the neutral edit is the neutral sentence', () => {
    const noAge = { ...imported('An elderly woman has a cough. She smokes.'), id: 'na' };
    const v = build([noAge], ['sex']).variants.filter((x) => x.counterfactual);
    assert.equal(v[1].narrative, 'An elderly woman has a cough. The history and examination were recorded at the time of the visit. She smokes.');
    assert.equal(v[0].narrative, 'An elderly man has a cough. The history and examination were recorded at the time of the visit. He smokes.');
  });
  it('double stress puts the probes on the neutral edit too', async () => {
    const { listProbes } = await import('../../src/probes/registry.js');
    const set = buildVariants([c], {
      probes: listProbes().filter((p) => p.name === 'option_shuffle'),
      counterfactuals: ['sex'],
      doubleStress: true,
      retest: 0,
      seed: 1,
    });
    assert.ok(set.variants.some((x) => x.id === 'sym|option_shuffle|sex=female'));
  });
});

describe('free-text SES never contradicts the story', () => {
  const ses = (v: string) => counterfactualEligibility({ ...imported(v), id: 'ses' }, 'ses');
  it('leaves out a case that already states the work or means of the patient or the family', () => {
    for (const [text, words] of [
      ['A 24-year-old man has a blister. He works as a dental assistant.', 'works'],
      ['A 19-year-old ballet dancer has knee pain.', '-old ballet dancer'],
      ['A 9-year-old girl has a cough. Her father is a banker and her mother a librarian.', 'is a banker'],
      ['A 50-year-old man has chest pain. He recently lost his job.', 'job'],
      ['A 22-year-old college student has a fever.', 'college'],
    ])
      assert.deepEqual(ses(text), { eligible: false, reason: 'already_stated', detail: words }, text);
  });
  it("a doctor in the story is not the patient's work", () => {
    assert.equal(ses('A 40-year-old woman comes to the physician. Her family physician referred her.').eligible, true);
  });
  it('puts the sentence where no following sentence leans back on the one before it', () => {
    const c = { ...imported('A 40-year-old man has pain. He notes that this began after a fall. He smokes.'), id: 'lean' };
    const v = buildVariants([c], { probes: [], counterfactuals: ['ses'], doubleStress: false, retest: 0, seed: 1 }).variants.filter((x) => x.counterfactual);
    assert.deepEqual(
      v.map((x) => x.counterfactual!.value),
      ['low', 'high', 'neutral'],
      'the case is eligible: every value is placed',
    );
    for (const x of v) assert.match(x.narrative, /^A 40-year-old man has pain\. He notes that this began after a fall\. \S.*\. He smokes\.$/, x.narrative);
  });
});

describe('free-text sex swap: roles named by sex', () => {
  it('swaps a compound -man noun that names the patient, with its pronouns', () => {
    const c = { ...imported('A 40-year-old businessman is brought by his assistant. He is a former policeman.'), id: 'biz' };
    assert.equal(
      renderCounterfactual(c, { attribute: 'sex', value: 'female' }, 'free-text', 'male').narrative,
      'A forty-year-old businesswoman is brought by her assistant. She is a former policewoman.',
    );
  });
});

describe('free-text SES: where it goes and what it says', () => {
  const build = (v: string) =>
    buildVariants([{ ...imported(v), id: 'place' }], { probes: [], counterfactuals: ['ses'], doubleStress: false, retest: 0, seed: 1 }).variants.filter(
      (x) => x.counterfactual,
    );
  it('goes where a note keeps the social history: just before the examination', () => {
    const v = build('A 40-year-old man has pain. It radiates to the back. He smokes. Vital signs are normal. Examination shows tenderness.');
    assert.deepEqual(
      v.map((x) => x.counterfactual!.value),
      ['low', 'high', 'neutral'],
      'the case is eligible: every value is placed',
    );
    for (const x of v) {
      assert.match(x.narrative, /He smokes\. \S[^.]*\. Vital signs are normal\./, x.narrative);
    }
  });
  it('fits the age: no retirement under 30, retired at 65 and over, the household for a child', async () => {
    const { sesSentence } = await import('../../src/variants/free-text/ses.js');
    for (let i = 0; i < 40; i++) {
      for (const v of ['low', 'high'] as const) {
        assert.doesNotMatch(sesSentence(`c${i}`, v, 24), /retired|investment fund|senior partner|doctorate|director/, `24: ${sesSentence(`c${i}`, v, 24)}`);
        assert.match(sesSentence(`c${i}`, v, 75), /retired|pension/, `75: ${sesSentence(`c${i}`, v, 75)}`);
        assert.match(sesSentence(`c${i}`, v, 8), /^The (family|household)/);
        assert.doesNotMatch(`${sesSentence(`c${i}`, v, 40)} ${sesSentence(`c${i}`, v, 8)}`, /\bflat\b|centre/, 'US English, as the cases are');
      }
    }
  });
});
