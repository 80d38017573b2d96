import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildVariants, checkVariants, listProbes, loadCases, parseReply, wilson } from '../src/index.js';

describe('library API', () => {
  it('exposes the pipeline stages', () => {
    const cases = loadCases({ limit: 2 }).cases;
    const { variants, probeExclusions } = buildVariants(cases, { probes: listProbes(), counterfactuals: [], doubleStress: false, retest: 1, seed: 7 });
    // Every probe variant is either built or left out with its reason.
    assert.equal(variants.length + probeExclusions.length, 2 * (1 + 1 + listProbes().length) + cases.filter((c) => c.criticalVariant).length);
    const checked = checkVariants(cases, variants);
    assert.equal(checked.checked, variants.filter((v) => v.condition !== 'clean' && v.condition !== 'critical' && !v.condition.startsWith('retest')).length);
    assert.equal(parseReply('Answer: B', { A: 'x', B: 'y' }).letter, 'B');
    assert.equal(wilson(0, 10)[0], 0);
  });
});
