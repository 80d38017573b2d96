import assert from 'node:assert/strict';
import { it } from 'node:test';
import { planDryRun } from '../../src/audit/dry-run.js';
import { resolveAudit } from '../../src/audit/resolve.js';
import { clusterRpm } from '../../src/cluster/limits.js';
import { DEFAULT_SYSTEM } from '../../src/prompt/build.js';

const prompt = { systemText: DEFAULT_SYSTEM, style: 'direct' as const };

it('keeps a tpm quota across the cluster as calls a minute, at the tokens the dry run expects a call to draw', () => {
  const spec = resolveAudit({ limit: 4, models: ['openai:gpt-4o'] });
  const variants = spec.variantSet.variants;
  const total = planDryRun(spec).totals[0];
  const perCall = (total.inputTokens + total.outputTokens) / total.calls;
  const m = spec.models[0];
  const at = (rateLimit: { rpm?: number; tpm?: number }) => clusterRpm({ ...m, rateLimit } as typeof m, variants, prompt)!;
  // The dry run rounds each condition's sum, the pace each call: equal within a per cent.
  assert.ok(Math.abs(at({ tpm: 30_000 }) / (30_000 / perCall) - 1) < 0.01, `${at({ tpm: 30_000 })} vs ${30_000 / perCall}`);
  // Whichever binds: the rpm when it is lower, else the tpm's.
  assert.equal(at({ rpm: 5, tpm: 30_000 }), 5);
  assert.equal(at({ rpm: 1e6, tpm: 30_000 }), at({ tpm: 30_000 }));
  assert.equal(at({ rpm: 600 }), 600);
  assert.equal(clusterRpm(m, variants, prompt), undefined, 'no limit, no cluster pace');
});
