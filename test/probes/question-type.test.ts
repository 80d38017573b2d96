import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { questionType } from '../../src/probes/question-type.js';

describe('question type', () => {
  it('reads what the question asks for', () => {
    const cases: [string, string][] = [
      ['Which of the following is the most likely diagnosis?', 'diagnosis'],
      ['What is the most likely causal organism?', 'diagnosis'],
      ['Which of the following is the most appropriate next step in management?', 'management'],
      ['Which of the following tests is most likely to confirm the diagnosis?', 'management'],
      ['How can you confirm the suspected diagnosis?', 'management'],
      ['Which of the following is the most likely cause of these findings?', 'mechanism'],
      ['Which of the following mechanisms best explains this condition?', 'mechanism'],
      ['Further evaluation is most likely to show which of the following?', 'finding'],
      ['This patient is at increased risk for which of the following?', 'finding'],
      ['Which of the following drugs should be added to the regimen?', 'pharmacology'],
      ['Which of the following is the most likely etiologic agent?', 'diagnosis'],
      ['Which of the following methods was used to control confounding in the study?', 'other'],
    ];
    for (const [q, t] of cases) assert.equal(questionType(q), t, q);
  });
});
