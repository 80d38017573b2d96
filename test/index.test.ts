import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildVariants, listProbes, loadCases, parseReply, wilson } from '../src/index.js';

describe('library API', () => {
  it('exposes the pipeline stages', () => {
    const cases = loadCases({ limit: 2 }).cases;
    const { variants } = buildVariants(cases, { probes: listProbes(), counterfactuals: [], doubleStress: false, retest: 1, seed: 7 });
    assert.equal(variants.length, 2 * (1 + 1 + 6) + cases.filter((c) => c.criticalVariant).length);
    assert.equal(parseReply('Answer: B', { A: 'x', B: 'y' }).letter, 'B');
    assert.equal(wilson(0, 10)[0], 0);
  });
});
