import type { ModelConfig } from '../config/schema.js';
import { TOOL } from '../version.js';
import { modelSummary, type ModelSummary } from '../metrics/model-metrics.js';
import type { ScoredCall } from '../scoring/score.js';
import type { CallRecord, RunMeta } from '../store/types.js';
import type { Variant } from '../variants/types.js';

export const RESULTS_SCHEMA_VERSION = 1;

export interface ModelResult extends ModelSummary {
  id: string;
  provider: string;
  model: string;
  control: boolean;
  calls: { planned: number; total: number; failed: number; invalid: number; missing: number; attempts: number };
  usage: { inputTokens: number; outputTokens: number; cost: number | null };
  counterfactuals: Record<string, { variants: number; excluded: number; excludedReasons: Record<string, number> }>;
  phenotype: null;
}

export interface Results {
  schemaVersion: number;
  tool: { name: string; version: string };
  generatedAt: string;
  cases: RunMeta['cases'];
  design: { variants: number; conditions: Record<string, number>; seed: unknown };
  models: ModelResult[];
}

export interface ResultsInput {
  meta: RunMeta;
  models: readonly ModelConfig[];
  variants: readonly Variant[];
  calls: readonly CallRecord[];
  scored: readonly ScoredCall[];
  generatedAt: string;
}

/** results.json: a pure function of the stored run. */
export function buildResults(input: ResultsInput): Results {
  const conditions: Record<string, number> = {};
  for (const v of input.variants) {
    const key = v.condition.startsWith('retest') ? 'retest' : v.condition;
    conditions[key] = (conditions[key] ?? 0) + 1;
  }
  const models = input.models.map((m) => modelResult(m, input));
  const config = input.meta.config as { seed?: unknown };
  return {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    tool: { ...TOOL },
    generatedAt: input.generatedAt,
    cases: input.meta.cases,
    design: { variants: input.variants.length, conditions, seed: config.seed ?? null },
    models,
  };
}

function modelResult(m: ModelConfig, input: ResultsInput): ModelResult {
  const calls = input.calls.filter((c) => c.modelId === m.id);
  const scored = input.scored.filter((c) => c.modelId === m.id);
  const ok = calls.filter((c) => c.status === 'ok');
  const inputTokens = sum(ok.map((c) => c.inputTokens ?? 0));
  const outputTokens = sum(ok.map((c) => c.outputTokens ?? 0));
  const counterfactuals: ModelResult['counterfactuals'] = {};
  for (const e of input.meta.exclusions) {
    const slot = (counterfactuals[e.attribute] ??= { variants: 0, excluded: 0, excludedReasons: {} });
    slot.excluded++;
    slot.excludedReasons[e.reason] = (slot.excludedReasons[e.reason] ?? 0) + 1;
  }
  for (const v of input.variants) {
    if (!v.counterfactual) continue;
    (counterfactuals[v.counterfactual.attribute] ??= { variants: 0, excluded: 0, excludedReasons: {} }).variants++;
  }
  return {
    id: m.id,
    provider: m.provider,
    model: m.model,
    control: m.provider === 'control',
    calls: {
      planned: input.variants.length,
      total: calls.length,
      failed: calls.length - ok.length,
      invalid: scored.filter((s) => s.letter === null).length,
      missing: input.variants.length - ok.length,
      attempts: sum(calls.map((c) => c.attempts)),
    },
    usage: {
      inputTokens,
      outputTokens,
      cost: m.price ? round6((inputTokens * m.price.inputPerMTok + outputTokens * m.price.outputPerMTok) / 1e6) : null,
    },
    ...modelSummary(scored),
    counterfactuals,
    phenotype: null,
  };
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const round6 = (x: number) => Math.round(x * 1e6) / 1e6;
