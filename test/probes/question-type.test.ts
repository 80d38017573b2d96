import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { questionType } from '../../src/probes/question-type.js';

describe('question type', () => {
  it('reads what the question asks for', () => {
    const cases: [string, string][] = [
      ['Which of the following is the most likely diagnosis?', 'diagnosis'],
      ['Which of the following is the most appropriate next step in management?', 'management'],
      ['Which of the following tests is most likely to confirm the diagnosis?', 'management'],
      ['How can you confirm the suspected diagnosis?', 'management'],
      ['Which of the following is the most likely cause of these findings?', 'mechanism'],
      ['Which of the following mechanisms best explains this condition?', 'mechanism'],
      ['Further evaluation is most likely to show which of the following?', 'finding'],
      ['This patient is at increased risk for which of the following?', 'finding'],
      ['Which of the following drugs should be added to the regimen?', 'pharmacology'],
      ['Which of the following methods was used to control confounding in the study?', 'other'],
    ];
    for (const [q, t] of cases) assert.equal(questionType(q), t, q);
  });

  // Options that are places, structures, molecules, organisms, numbers or statements read with no
  // diagnosis, plan or cause template ("turned out to be the left paracolic gutter").
  it('sends questions about places, things, organisms, numbers and statements to "other"', () => {
    const other = [
      'Where is the lesion most likely located?',
      'Fluid would most likely collect in which of the following spaces?',
      'Which of the following nerves was most likely injured during the procedure?',
      'Compression of which of the following structures best explains the weakness?',
      'Which of the following arteries supplies the affected area?',
      'Which area of the brain is most likely damaged?',
      'The lesion is most likely localized to which part of the spinal cord?',
      'What is the most likely causal organism?',
      'Which of the following is the most likely etiologic agent?',
      'Which of the following pathogens is responsible for the infection?',
      'Which of the following viruses causes this illness?',
      'How many patients would need to be treated to prevent one stroke?',
      'What is the sensitivity of the new screening test?',
      'Which of the following values represents the positive predictive value?',
      'Which of the following best represents the therapeutic index of the compound?',
      'Which of the following statements about this condition is true?',
      'Which of the following best describes the inheritance pattern of this disorder?',
      'The disorder is most likely due to a mutation in which of the following?',
      'Which of the following cell types is most likely increased in the biopsy?',
      'Which of the following receptors does the hormone act on?',
      'Binding of which of the following T cell receptors explains this reaction?',
      'Which of the following enzymes is deficient in this child?',
      'Which of the following is characteristic of the most likely diagnosis?',
    ];
    for (const q of other) assert.equal(questionType(q), 'other', q);
  });

  it('keeps findings asked for as findings, even when they serve a diagnosis or a treatment decision', () => {
    assert.equal(questionType('Which of the following findings would be most helpful in establishing the diagnosis?'), 'finding');
    assert.equal(questionType('Which of the following lab abnormalities is an indication for treatment?'), 'finding');
    assert.equal(questionType('What would a peripheral smear be expected to show?'), 'finding');
    // ...and the older rules stand where no thing, place or number is asked for.
    assert.equal(questionType('Which of the following is the most likely diagnosis in this child?'), 'diagnosis');
    assert.equal(questionType('Which of the following is the best initial treatment?'), 'management');
    assert.equal(questionType('Which of the following is most likely to reduce the risk of another attack?'), 'management');
  });
});
