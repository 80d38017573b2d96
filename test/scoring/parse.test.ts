import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseReply } from '../../src/scoring/parse.js';

const OPTS = { A: 'Aspirin', B: 'Heparin infusion', C: 'Thrombolysis', D: 'Observation' };

describe('parseReply', () => {
  const cases: [string, string | null, string][] = [
    ['{"answer": "C", "key_findings": ["ST elevation"]}', 'C', 'json'],
    ['```json\n{"answer": "B", "key_findings": []}\n```', 'B', 'json'],
    ['Let me think. A is tempting.\nFinal: {"answer":"D","key_findings":["x"]}', 'D', 'json'],
    ['Answer: C', 'C', 'answer-label'],
    ['the correct answer is (C).', 'C', 'answer-label'],
    ['I would start with A, but on reflection the best answer is B.', 'B', 'answer-label'],
    ['**C**', 'C', 'bold'],
    ['C', 'C', 'bare-letter'],
    ['(d)', 'D', 'bare-letter'],
    ['B. Heparin infusion, because...', 'B', 'leading-letter'],
    ['Thrombolysis', 'C', 'option-text'],
    ['heparin infusion.', 'B', 'option-text'],
    ['The answer is a beta blocker', null, 'invalid'],
    ['I am not sure.', null, 'invalid'],
    ['{"answer": "F"}', null, 'invalid'],
    ['', null, 'invalid'],
  ];
  for (const [raw, letter, method] of cases) {
    it(`${JSON.stringify(raw).slice(0, 50)} → ${letter ?? 'invalid'} (${method})`, () => {
      const p = parseReply(raw, OPTS);
      assert.equal(p.letter, letter);
      assert.equal(p.method, method);
    });
  }
  it('takes the final JSON of a reasoning reply, not the first letter met', () => {
    const raw = '<think>maybe {"answer": "A"}</think>Considering A and B... {"answer": "A"} no wait.\n{"answer": "C", "key_findings": ["troponin 2.1 ng/mL"]}';
    const p = parseReply(raw, OPTS);
    assert.equal(p.letter, 'C');
    assert.deepEqual(p.keyFindings, ['troponin 2.1 ng/mL']);
  });
  it('accepts the option text inside the JSON answer field', () => {
    assert.equal(parseReply('{"answer": "Observation"}', OPTS).letter, 'D');
  });
});
