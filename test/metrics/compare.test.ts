import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareAll, compareModels } from '../../src/metrics/compare.js';
import type { MetricsContext } from '../../src/metrics/model-metrics.js';
import type { ScoredCall } from '../../src/scoring/score.js';
import { Rng } from '../../src/probes/rng.js';

function calls(modelId: string, pRight: number, n: number): ScoredCall[] {
  const rng = new Rng(modelId);
  return Array.from({ length: n }, (_, i) => ['clean', 'distractor'].map((condition) => {
    const correct = rng.next() < pRight;
    return { modelId, variantId: `c${i}|${condition}`, caseId: `c${i}`, condition, counterfactual: null, counterfactualBaseline: null, letter: correct ? 'A' : 'B', method: 'json', answerText: correct ? 'a' : 'b', goldText: 'a', goldLetter: 'A', optionCount: 2, correct, keyFindings: [], truncated: false, probs: null } as ScoredCall;
  })).flat();
}

const ctx: MetricsContext = { probes: ['distractor'], attributes: {}, keyFacts: new Map(), excluded: {}, resamples: 1000, seed: 3, optionCount: 2 };

describe('model comparisons', () => {
  it('rank a clearly better model and agree with the pairwise path on the differences', () => {
    const good = { id: 'good', calls: calls('good', 0.95, 240) };
    const poor = { id: 'poor', calls: calls('poor', 0.6, 240) };
    const same = { id: 'same', calls: calls('same', 0.6, 240) };
    const all = compareAll([good, poor, same], ctx);
    assert.equal(all.length, 3 * 5);
    const acc = all.find((c) => c.a === 'good' && c.b === 'poor' && c.metric === 'accuracyClean')!;
    assert.equal(acc.verdict, 'a higher');
    const pair = compareModels(good, poor, ctx).find((c) => c.metric === 'accuracyClean')!;
    assert.equal(acc.diff, pair.diff);
    assert.equal(pair.verdict, 'a higher');
    const tie = all.find((c) => c.a === 'poor' && c.b === 'same' && c.metric === 'accuracyClean')!;
    assert.ok(Math.abs(tie.diff!) < 0.1);
    assert.ok(tie.ci95![0] < tie.diff! && tie.diff! < tie.ci95![1]);
  });
});
