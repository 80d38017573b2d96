import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareAll, compareModels } from '../../src/metrics/compare.js';
import { accumulate, type MetricsContext } from '../../src/metrics/model-metrics.js';
import type { ScoredCall } from '../../src/scoring/score.js';
import { Rng } from '../../src/probes/rng.js';

function calls(modelId: string, pRight: number, n: number): ScoredCall[] {
  const rng = new Rng(modelId);
  return Array.from({ length: n }, (_, i) => ['clean', 'distractor'].map((condition) => {
    const correct = rng.next() < pRight;
    return { modelId, variantId: `c${i}|${condition}`, caseId: `c${i}`, condition, counterfactual: null, counterfactualBaseline: null, neutralEdit: false, letter: correct ? 'A' : 'B', method: 'json', answerText: correct ? 'a' : 'b', goldText: 'a', goldLetter: 'A', optionCount: 2, correct, keyFindings: [], truncated: false, probs: null } as ScoredCall;
  })).flat();
}

const analysed = (id: string, cs: ScoredCall[]) => ({ id, ...accumulate(cs, ctx).analyse(ctx) });
const ctx: MetricsContext = { probes: ['distractor'], attributes: {}, keyFacts: new Map(), excluded: {}, resamples: 1000, seed: 3, optionCount: 2 };

describe('model comparisons', () => {
  it('rank a clearly better model and agree with the pairwise path on the differences', () => {
    const good = analysed('good', calls('good', 0.95, 240));
    const poor = analysed('poor', calls('poor', 0.6, 240));
    const same = analysed('same', calls('same', 0.6, 240));
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
    // Shared replicates and a fresh paired resample estimate the same interval.
    const pairTie = compareModels(poor, same, ctx).find((c) => c.metric === 'accuracyClean')!;
    assert.ok(Math.abs(pairTie.ci95![0] - tie.ci95![0]) < 0.03 && Math.abs(pairTie.ci95![1] - tie.ci95![1]) < 0.03, `${pairTie.ci95} vs ${tie.ci95}`);
  });

  it('resample each pair on its common cases when models answered different cases', () => {
    const a = analysed('a', calls('a', 0.9, 240));
    const b = analysed('b', calls('b', 0.9, 240).filter((s) => s.caseId !== 'c7'));
    const all = compareAll([a, b], ctx);
    assert.equal(all.length, 5);
    assert.ok(all.every((c) => c.n === 239));
    assert.deepEqual(all, compareModels(a, b, ctx));
  });
});
