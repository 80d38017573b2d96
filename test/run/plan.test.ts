import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dryRunTotals, type DryRunRow } from '../../src/run/plan.js';

const row = (modelId: string, condition: string, calls: number, cost: number | null): DryRunRow => ({
  modelId,
  condition,
  calls,
  inputTokens: calls * 100,
  outputTokens: calls * 60,
  mode: 'live',
  cost,
});

describe('dry-run totals', () => {
  it('sums each model over its conditions, in the order the rows name the models', () => {
    const totals = dryRunTotals([row('b', 'clean', 10, 0.5), row('a', 'clean', 10, null), row('b', 'distractor', 5, 0.25), row('a', 'distractor', 5, null)]);
    assert.deepEqual(totals, [
      { modelId: 'b', calls: 15, inputTokens: 1500, outputTokens: 900, mode: 'live', cost: 0.75 },
      { modelId: 'a', calls: 15, inputTokens: 1500, outputTokens: 900, mode: 'live', cost: null },
    ]);
  });
});
