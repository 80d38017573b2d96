import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { modeOf, priceOf, tokenCost } from '../../src/models/prices.js';
import { modelUsage } from '../../src/report/cost.js';
import type { ModelConfig } from '../../src/models/model-config.js';

const model = (o: Partial<ModelConfig> & { mode?: string }): ModelConfig =>
  ({ id: 'm', provider: 'openai', model: 'gpt-4o', temperature: 0, ...o }) as ModelConfig;

describe('price table', () => {
  it('prices a known model and its dated snapshots, with its date and source', () => {
    const p = priceOf(model({}))!;
    assert.deepEqual([p.inputPerMTok, p.outputPerMTok, p.batchMultiplier], [2.5, 10, 0.5]);
    assert.match(p.source, /^price table \d{4}-\d{2}-\d{2}: /);
    assert.equal(priceOf(model({ model: 'gpt-4o-2024-08-06' }))?.inputPerMTok, 2.5);
    assert.equal(priceOf(model({ provider: 'anthropic', model: 'claude-sonnet-4-5-20250929' }))?.outputPerMTok, 15);
    assert.equal(priceOf(model({ model: 'gpt-4o-mini-ish' })), null, 'only a date may follow the name');
    assert.equal(priceOf(model({ provider: 'openai-compatible' })), null, 'the table is per provider');
  });

  it('lets the config override the table', () => {
    const p = priceOf(model({ price: { inputPerMTok: 1, outputPerMTok: 2 } }))!;
    assert.deepEqual([p.inputPerMTok, p.outputPerMTok, p.source], [1, 2, 'config']);
  });

  it('charges batch calls at the batch price', () => {
    const p = priceOf(model({}))!;
    assert.equal(tokenCost(p, 1e6, 1e6, 'live'), 12.5);
    assert.equal(tokenCost(p, 1e6, 1e6, 'batch'), 6.25);
    assert.equal(modeOf(model({ mode: 'batch' })), 'batch');
    assert.equal(modeOf(model({})), 'live');
  });

  it('splits a model usage by mode and condition, batch at half price', () => {
    const u = modelUsage(model({}), {
      total: 3,
      ok: 3,
      invalid: 0,
      attempts: 3,
      inputTokens: 3e6,
      outputTokens: 0,
      cells: {
        clean: { live: { calls: 1, inputTokens: 1e6, outputTokens: 0 }, batch: { calls: 1, inputTokens: 1e6, outputTokens: 0 } },
        anchoring: { batch: { calls: 1, inputTokens: 1e6, outputTokens: 0 } },
      },
    });
    assert.equal(u.cost, 2.5 + 1.25 + 1.25);
    assert.deepEqual(u.byMode.batch, { calls: 2, inputTokens: 2e6, outputTokens: 0, cost: 2.5 });
    assert.deepEqual(u.byCondition.clean, { calls: 2, inputTokens: 2e6, outputTokens: 0, cost: 3.75 });
  });
});
