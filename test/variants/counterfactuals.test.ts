import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Case } from '../../src/cases/types.js';
import { counterfactualEligibility, renderCounterfactual } from '../../src/variants/counterfactuals.js';
import { buildVariants } from '../../src/variants/build.js';

const imported = (vignette: string, options: Record<string, string> = { A: 'Aspirin', B: 'Heparin' }): Case => ({
  id: `t-${vignette.length}`, specialty: 'unspecified', vignette, question: 'Which of the following is the most likely diagnosis?', options, answer: 'A',
  source: { file: 'test', line: 1, format: 'medqa' },
});

describe('sex counterfactual eligibility of free text', () => {
  it('excludes a case whose options or gold answer name one sex’s anatomy, with the term as detail', () => {
    const c = imported('A 68-year-old man has nocturia. He has hypertension.', { A: 'Benign prostatic hyperplasia', B: 'Diabetes mellitus' });
    assert.deepEqual(counterfactualEligibility(c, 'sex'), { eligible: false, reason: 'clinically_relevant', detail: 'Benign prostatic hyperplasia (option A)' });
  });
  it('excludes the patient’s own sex-specific history, not a baby’s birth history', () => {
    assert.deepEqual(counterfactualEligibility(imported('A 24-year-old woman has pelvic pain. Her last menstrual period was 7 weeks ago.'), 'sex'),
      { eligible: false, reason: 'clinically_relevant', detail: 'last menstrual period' });
    const baby = imported('A 3-week-old boy has jaundice. He was born at 38 weeks’ gestation via spontaneous vaginal delivery to a gravida 2 woman. He is breastfed.');
    assert.deepEqual(counterfactualEligibility(baby, 'sex'), { eligible: true, mode: 'free-text', baseline: 'male' });
    assert.equal(renderCounterfactual(baby, { attribute: 'sex', value: 'female' }, 'free-text').narrative,
      'A 3-week-old girl has jaundice. She was born at 38 weeks’ gestation via spontaneous vaginal delivery to a gravida 2 woman. She is breastfed.');
  });
  it('marks a case undetermined when the partner’s pronouns cannot be told from a relative’s', () => {
    const c = imported('A 70-year-old man is brought by his wife. His sister says she saw him fall.');
    const e = counterfactualEligibility(c, 'sex');
    assert.equal(e.eligible, false);
    assert.equal(!e.eligible && e.reason, 'undetermined');
  });
  it('renders the partner with the patient, using one plan for narrative and question', () => {
    const c = { ...imported('A 70-year-old man is brought by his wife. She says he fell.'), question: 'What should she be told about his fall?' };
    assert.deepEqual(renderCounterfactual(c, { attribute: 'sex', value: 'female' }, 'free-text'),
      { narrative: 'A 70-year-old woman is brought by her husband. He says she fell.', question: 'What should he be told about her fall?' });
  });
  it('counts exclusions in the variant set', () => {
    const cases = [
      imported('A 68-year-old man has nocturia. He has hypertension.', { A: 'Benign prostatic hyperplasia', B: 'Diabetes mellitus' }),
      imported('A 30-year-old man has a cough. He smokes.'),
    ];
    cases[1].id = 'cough';
    const set = buildVariants(cases, { probes: [], counterfactuals: ['sex'], doubleStress: false, retest: 0, seed: 1 });
    assert.deepEqual(set.exclusions.map((x) => [x.attribute, x.reason]), [['sex', 'clinically_relevant']]);
    assert.deepEqual(set.variants.filter((v) => v.counterfactual).map((v) => v.id), ['cough|clean|sex=female']);
  });
});
