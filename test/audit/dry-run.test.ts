import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { planDryRun } from '../../src/audit/dry-run.js';
import { resolveAudit } from '../../src/audit/resolve.js';

describe('the dry run', () => {
  it('totals every model: its calls, and its cost when every model has a price', () => {
    const priced = planDryRun(resolveAudit({ limit: 2, models: ['openai:gpt-4o', 'anthropic:claude-sonnet-4-5'] }));
    assert.equal(priced.totals.length, 2);
    assert.equal(priced.allModels.calls, 2 * priced.prompts);
    const cost = priced.totals[0].cost! + priced.totals[1].cost!;
    assert.ok(cost > 0);
    assert.equal(priced.allModels.cost, cost);
    const unpriced = planDryRun(resolveAudit({ limit: 2, models: ['openai:gpt-4o', 'control:labile'] }));
    assert.equal(unpriced.allModels.calls, 2 * unpriced.prompts);
    assert.equal(unpriced.allModels.cost, null, 'a model with no price leaves the sum unknown');
  });
});
