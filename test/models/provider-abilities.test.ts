import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { runFingerprint } from '../../src/audit/fingerprint.js';
import type { ParsedConfig } from '../../src/config/schema.js';
import type { ModelConfig } from '../../src/models/model-config.js';
import { batchPrices, modeOf, priceOf } from '../../src/models/prices.js';
import { formsLadders, providerFingerprint, registerProvider, scoresByLogprob } from '../../src/models/registry.js';

/**
 * What the pipeline asks of a provider besides its calls (a batch API and its price, log-probability scoring,
 * answer-shaping settings, quantization ladders) is declared in its definition, never chosen by its name.
 */

const model = (o: Record<string, unknown>): ModelConfig => ({ id: 'm', model: 'x', temperature: 0, ...o }) as ModelConfig;

const options = { mode: z.enum(['live', 'batch']).optional(), dial: z.number().optional() };
registerProvider<typeof options>({
  name: 'test-abilities',
  preset: { keyRequired: false },
  options,
  create: () => {
    throw new Error('never called');
  },
  batch: { price: { multiplier: 0.25, date: '2026-12-01', source: 'test' }, mode: (m) => m.mode ?? 'live' },
  scoresByLogprob: (m) => m.dial === undefined,
  fingerprint: (m) => (m.dial === undefined ? {} : { dial: m.dial }),
  ladders: true,
});

describe('provider abilities come from the definition', () => {
  it('a registered provider declares them', () => {
    const m = model({ provider: 'test-abilities', mode: 'batch', price: { inputPerMTok: 1, outputPerMTok: 1 } });
    assert.equal(modeOf(m), 'batch');
    assert.equal(modeOf(model({ provider: 'test-abilities' })), 'live');
    assert.equal(priceOf(m)?.batchMultiplier, 0.25);
    assert.deepEqual(batchPrices().at(-1), ['test-abilities', { multiplier: 0.25, date: '2026-12-01', source: 'test' }]);
    assert.equal(scoresByLogprob(m), true);
    assert.equal(scoresByLogprob(model({ provider: 'test-abilities', dial: 2 })), false);
    assert.deepEqual(providerFingerprint(model({ provider: 'test-abilities', dial: 2 })), { dial: 2 });
    assert.equal(formsLadders(m), true);
  });

  it('the built-in providers keep theirs', () => {
    assert.deepEqual(
      batchPrices().map(([name, p]) => [name, p.multiplier]),
      [
        ['openai', 0.5],
        ['anthropic', 0.5],
        ['test-abilities', 0.25],
      ],
    );
    assert.equal(modeOf(model({ provider: 'openai', mode: 'batch' })), 'batch');
    assert.equal(modeOf(model({ provider: 'openai-compatible', mode: 'batch' })), 'live', 'a provider without a batch API calls live');
    assert.equal(scoresByLogprob(model({ provider: 'llamacpp' })), true);
    assert.equal(scoresByLogprob(model({ provider: 'llamacpp', scoring: 'generate' })), false);
    assert.equal(scoresByLogprob(model({ provider: 'openai' })), false);
    assert.deepEqual(providerFingerprint(model({ provider: 'llamacpp', flashAttention: 'auto' })), {});
    assert.deepEqual(providerFingerprint(model({ provider: 'llamacpp', flashAttention: false })), { flashAttention: false });
    assert.equal(formsLadders(model({ provider: 'llamacpp' })), true);
    assert.equal(formsLadders(model({ provider: 'ollama' })), false);
    assert.equal(formsLadders(model({ provider: 'not-registered' })), false, 'a reader needs no registration');
  });

  it("a declared setting enters the run's fingerprint; one left at its default leaves it as it was", () => {
    const config = { prompt: { style: 'direct' } } as ParsedConfig;
    const print = (o: Record<string, unknown>) => runFingerprint(config, [model({ provider: 'test-abilities', ...o })], []);
    assert.notEqual(print({ dial: 1 }), print({ dial: 2 }));
    assert.equal(print({}), print({ mode: 'batch' }), 'the call mode does not shape answers');
  });

  it('llamacpp: scoring by generation and a context size enter the fingerprint; the defaults leave it as it was', () => {
    const config = { prompt: { style: 'direct' } } as ParsedConfig;
    const print = (o: Record<string, unknown>) => runFingerprint(config, [model({ provider: 'llamacpp', ...o })], []);
    assert.equal(print({}), print({ scoring: 'logprob' }));
    assert.notEqual(print({}), print({ scoring: 'generate' }));
    assert.notEqual(print({}), print({ contextSize: 2048 }));
    assert.notEqual(print({ contextSize: 2048 }), print({ contextSize: 4096 }));
    assert.notEqual(print({}), print({ flashAttention: false }));
    assert.equal(print({}), print({ flashAttention: 'auto' }));
  });
});
