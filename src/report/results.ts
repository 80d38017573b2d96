import type { ModelConfig, ParsedConfig } from '../config/schema.js';
import { compareAll, type Comparison } from '../metrics/compare.js';
import { modelSummary, type MetricsContext, type ModelSummary, type CounterfactualMetrics } from '../metrics/model-metrics.js';
import { DEFAULT_THRESHOLDS, phenotype, type Phenotype } from '../metrics/phenotype.js';
import { ladderShift, precisionRank } from '../metrics/ladder.js';
import type { Estimate } from '../metrics/wilson.js';
import type { ScoredCall } from '../scoring/score.js';
import type { CallRecord, RunMeta } from '../store/types.js';
import { ATTRIBUTE_VALUES, type CounterfactualAttribute } from '../variants/counterfactuals.js';
import { conditionGroup, type Variant } from '../variants/types.js';
import type { Case } from '../cases/types.js';
import { TOOL } from '../version.js';

export const RESULTS_SCHEMA_VERSION = 1;

export interface ModelResult {
  id: string;
  provider: string;
  model: string;
  control: boolean;
  calls: { planned: number; total: number; failed: number; invalid: number; missing: number; attempts: number };
  usage: { inputTokens: number; outputTokens: number; cost: number | null };
  metrics: ModelSummary['metrics'];
  probes: ModelSummary['probes'];
  counterfactuals: Record<string, CounterfactualMetrics & { variants: number; excludedReasons: Record<string, number> }>;
  phenotype: Phenotype;
  /** What the provider reported about the model: GGUF file hash, quantization, parameters, context size… */
  provenance: Record<string, unknown> | null;
}

export interface LadderMember {
  model: string;
  quantization: string | null;
  reference: boolean;
  accuracyClean: Estimate;
  accuracyStressed: Estimate;
  pfr: Estimate;
  mi: Estimate;
  probShift: Estimate;
  /** Mean total-variation distance of the letter distribution from the reference member's, same prompts. */
  letterShift: Estimate;
  topAgreement: Estimate;
}

export interface Results {
  schemaVersion: number;
  tool: { name: string; version: string };
  generatedAt: string;
  cases: RunMeta['cases'];
  design: { variants: number; conditions: Record<string, number>; probes: string[]; counterfactuals: string[]; seed: unknown; resamples: number };
  models: ModelResult[];
  /** Paired differences between real models (controls are never ranked). */
  comparisons: Comparison[];
  /** The same weights at several quantizations, each against the most precise member. */
  ladders: { family: string; members: LadderMember[] }[];
}

export interface ResultsInput {
  meta: RunMeta;
  models: readonly ModelConfig[];
  cases: readonly Case[];
  variants: readonly Variant[];
  calls: readonly CallRecord[];
  scored: readonly ScoredCall[];
  modelInfo: Record<string, Record<string, unknown>>;
  generatedAt: string;
}

/** results.json: a pure function of the stored run. */
export function buildResults(input: ResultsInput): Results {
  const config = input.meta.config as ParsedConfig;
  const { ctx, conditions } = metricsContext(input);
  const byModel = new Map<string, ScoredCall[]>();
  for (const s of input.scored) (byModel.get(s.modelId) ?? byModel.set(s.modelId, []).get(s.modelId)!).push(s);
  const thresholds = { ...DEFAULT_THRESHOLDS, ...(config.phenotype ?? {}) };
  const models = input.models.map((m) => modelResult(m, input, byModel.get(m.id) ?? [], ctx, thresholds));
  const real = input.models.filter((m) => m.provider !== 'control');
  const comparisons: Comparison[] = compareAll(real.map((m) => ({ id: m.id, calls: byModel.get(m.id) ?? [] })), ctx);
  return {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    tool: { ...TOOL },
    generatedAt: input.generatedAt,
    cases: input.meta.cases,
    design: { variants: input.variants.length, conditions, probes: [...ctx.probes], counterfactuals: Object.keys(ctx.attributes), seed: config.seed ?? null, resamples: ctx.resamples },
    models,
    comparisons,
    ladders: ladders(models, byModel, ctx),
  };
}

function ladders(models: ModelResult[], byModel: Map<string, ScoredCall[]>, ctx: MetricsContext): Results['ladders'] {
  const families = new Map<string, ModelResult[]>();
  for (const m of models) {
    const family = m.provenance?.family;
    if (m.provider !== 'llamacpp' || typeof family !== 'string') continue;
    (families.get(family) ?? families.set(family, []).get(family)!).push(m);
  }
  const out: Results['ladders'] = [];
  for (const [family, members] of families) {
    if (members.length < 2) continue;
    const sorted = [...members].sort((a, b) => precisionRank(a.provenance?.quantization as string) - precisionRank(b.provenance?.quantization as string));
    const ref = sorted[0];
    out.push({
      family,
      members: sorted.map((m) => ({
        model: m.id,
        quantization: (m.provenance?.quantization as string) ?? null,
        reference: m === ref,
        accuracyClean: m.metrics.accuracyClean,
        accuracyStressed: m.metrics.accuracyStressed,
        pfr: m.metrics.pfr,
        mi: m.metrics.mi,
        probShift: m.metrics.probShift,
        ...ladderShift(byModel.get(m.id) ?? [], byModel.get(ref.id) ?? [], ctx.resamples, `${ctx.seed}|ladder|${m.id}`),
      })),
    });
  }
  return out;
}

/** The design facts every metric needs, read from the stored run. */
export function metricsContext(input: Pick<ResultsInput, 'meta' | 'cases' | 'variants'>): { ctx: MetricsContext; conditions: Record<string, number> } {
  const config = input.meta.config as ParsedConfig;
  const conditions: Record<string, number> = {};
  const probes: string[] = [];
  for (const v of input.variants) {
    const g = conditionGroup(v.condition);
    conditions[g] = (conditions[g] ?? 0) + 1;
    if (!['clean', 'retest', 'critical'].includes(g) && !probes.includes(g)) probes.push(g);
  }
  const attributes: Record<string, readonly string[]> = {};
  for (const a of config.counterfactuals ?? []) attributes[a] = ATTRIBUTE_VALUES[a as CounterfactualAttribute];
  const excluded: Record<string, number> = {};
  for (const e of input.meta.exclusions) excluded[e.attribute] = (excluded[e.attribute] ?? 0) + 1;
  const ctx: MetricsContext = {
    probes,
    attributes,
    keyFacts: new Map(input.cases.map((c) => [c.id, c.keyFacts])),
    excluded,
    resamples: config.bootstrap?.resamples ?? 2000,
    seed: config.seed ?? 7,
    optionCount: Math.max(2, ...input.variants.map((v) => Object.keys(v.options).length)),
  };
  return { ctx, conditions };
}

function modelResult(m: ModelConfig, input: ResultsInput, scored: readonly ScoredCall[], ctx: MetricsContext, thresholds: typeof DEFAULT_THRESHOLDS): ModelResult {
  const calls = input.calls.filter((c) => c.modelId === m.id);
  const ok = calls.filter((c) => c.status === 'ok');
  const inputTokens = sum(ok.map((c) => c.inputTokens ?? 0));
  const outputTokens = sum(ok.map((c) => c.outputTokens ?? 0));
  const summary = modelSummary(scored, ctx);
  const counterfactuals: ModelResult['counterfactuals'] = {};
  for (const [a, cf] of Object.entries(summary.counterfactuals)) {
    const reasons: Record<string, number> = {};
    for (const e of input.meta.exclusions) if (e.attribute === a) reasons[e.reason] = (reasons[e.reason] ?? 0) + 1;
    counterfactuals[a] = { ...cf, variants: input.variants.filter((v) => v.counterfactual?.attribute === a).length, excludedReasons: reasons };
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
      cost: m.price ? Math.round(((inputTokens * m.price.inputPerMTok + outputTokens * m.price.outputPerMTok) / 1e6) * 1e6) / 1e6 : null,
    },
    metrics: summary.metrics,
    probes: summary.probes,
    counterfactuals,
    phenotype: phenotype(summary, thresholds),
    provenance: input.modelInfo[m.id] ?? null,
  };
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
