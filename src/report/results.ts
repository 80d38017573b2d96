import type { ModelConfig } from '../config/schema.js';
import { compareAll, type Comparison } from '../metrics/compare.js';
import type { MetricsContext, ModelSummary, CounterfactualMetrics } from '../metrics/model-metrics.js';
import { DEFAULT_THRESHOLDS, phenotype, type Phenotype } from '../metrics/phenotype.js';
import { ladderShift, precisionRank, type LadderPoint } from '../metrics/ladder.js';
import type { ModelTally } from '../metrics/run-tally.js';
import type { Estimate } from '../metrics/wilson.js';
import type { RunMeta } from '../store/types.js';
import { ATTRIBUTE_VALUES } from '../variants/counterfactuals.js';
import { conditionGroup, type Variant } from '../variants/types.js';
import { doseCondition, parseDose } from '../probes/dose.js';
import type { DoseResponse } from '../metrics/dose-response.js';
import type { Case } from '../cases/types.js';
import { TOOL } from '../version.js';
import { variantCheckResults, type VariantCheckResults } from './variant-check.js';
import { variantSetResults, type VariantSetResults } from './variant-set.js';
import { isControlModel } from '../models/registry.js';
import { llamaCpp } from '../models/providers/llamacpp.js';
import { costTotals, modelUsage, type CostTotals, type ModelUsageResult } from './cost.js';

/**
 * results.json schema version (RESULTS-SCHEMA.md). 3: headline cfi is the
 * worst attribute's; group tests on complete cases replace the counterfactuals'
 * mcnemarP. 4: neutral edits (editSensitivity, cfiExcess, cfiExcessByGroup),
 * mentionSensitivity, testedGroups (race: the named groups only). 5: valid–valid
 * flips, clustered and bias-corrected intervals, interval-aware phenotypes with support,
 * multiplicity-adjusted comparisons. 6: variantSet (the prompts' hash, set file and review).
 * 7: usage per mode and condition with the price used; the run's cost totals.
 */
export const RESULTS_SCHEMA_VERSION = 7;

export interface ModelResult {
  id: string;
  provider: string;
  model: string;
  control: boolean;
  calls: { planned: number; total: number; failed: number; invalid: number; missing: number; attempts: number };
  usage: ModelUsageResult;
  metrics: ModelSummary['metrics'];
  probes: ModelSummary['probes'];
  counterfactuals: Record<string, CounterfactualMetrics & { variants: number; excludedReasons: Record<string, number> }>;
  phenotype: Phenotype;
  /** Graded stress (METHODS.md): present only when some probe ran at two doses or more. */
  doseResponse?: DoseResponse;
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

/** Everything results.json holds (RESULTS-SCHEMA.md): the design, and every model's metrics, probes, counterfactuals and phenotype. */
export interface Results {
  schemaVersion: number;
  tool: { name: string; version: string };
  generatedAt: string;
  cases: RunMeta['cases'];
  design: { variants: number; conditions: Record<string, number>; probes: string[]; counterfactuals: string[]; seed: unknown; resamples: number };
  models: ModelResult[];
  /** What the run cost, per model, mode and condition group (models with a price only). */
  cost: CostTotals;
  /** Paired differences between real models (controls are never ranked). */
  comparisons: Comparison[];
  /** The same weights at several quantizations, each against the most precise member. */
  ladders: { family: string; members: LadderMember[] }[];
  /** What the variant checker found before the run and which probe variants were left out; null for runs stored before the checker. */
  variantCheck: VariantCheckResults | null;
  /** The variant set's hash, file and review; null for runs stored before sets. */
  variantSet: VariantSetResults | null;
}

/** The run's design as read from its stored variants. */
export interface RunDesign {
  variants: number;
  conditions: Record<string, number>;
  /** Counterfactual variants per attribute. */
  counterfactualVariants: Record<string, number>;
}

export interface ResultsInput {
  meta: RunMeta;
  models: readonly ModelConfig[];
  design: RunDesign;
  ctx: MetricsContext;
  /** Each configured model's metrics and call counts, from the stored calls. */
  tallies: ReadonlyMap<string, ModelTally>;
  modelInfo: Record<string, Record<string, unknown>>;
  generatedAt: string;
}

/** results.json: a pure function of the stored run. */
export function buildResults(input: ResultsInput): Results {
  const { config } = input.meta;
  const { ctx } = input;
  const thresholds = thresholdsOf(input.meta);
  const tally = (id: string) => input.tallies.get(id)!;
  const models = input.models.map((m) => modelResult(m, input, tally(m.id), thresholds));
  const real = input.models.filter((m) => !isControlModel(m));
  const comparisons: Comparison[] = compareAll(
    real.map((m) => ({ id: m.id, ...tally(m.id).analysis })),
    ctx,
  );
  return {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    tool: { ...TOOL },
    generatedAt: input.generatedAt,
    cases: input.meta.cases,
    design: {
      variants: input.design.variants,
      conditions: input.design.conditions,
      probes: [...ctx.probes],
      counterfactuals: Object.keys(ctx.attributes),
      seed: config.seed,
      resamples: ctx.resamples,
    },
    models,
    cost: costTotals(models),
    comparisons,
    ladders: ladders(models, (id) => tally(id).ladder, ctx),
    variantCheck: variantCheckResults(input.meta),
    variantSet: variantSetResults(input.meta),
  };
}

function ladders(models: ModelResult[], points: (id: string) => readonly LadderPoint[], ctx: MetricsContext): Results['ladders'] {
  const families = new Map<string, ModelResult[]>();
  for (const m of models) {
    const family = m.provenance?.family;
    if (m.provider !== llamaCpp.name || typeof family !== 'string') continue;
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
        ...ladderShift(points(m.id), points(ref.id), ctx.resamples, `${ctx.seed}|ladder|${m.id}`),
      })),
    });
  }
  return out;
}

/** The run's phenotype thresholds: its config's overrides over the defaults. */
export const thresholdsOf = (meta: Pick<RunMeta, 'config'>): typeof DEFAULT_THRESHOLDS => ({ ...DEFAULT_THRESHOLDS, ...meta.config.phenotype });

/** The design facts every metric needs, read from the stored run. */
export function metricsContext(input: {
  meta: RunMeta;
  cases: readonly Case[];
  variants: Iterable<Pick<Variant, 'condition' | 'options' | 'counterfactual'>>;
}): { ctx: MetricsContext; design: RunDesign } {
  const { config } = input.meta;
  const design: RunDesign = { variants: 0, conditions: {}, counterfactualVariants: {} };
  const doses = new Map<string, Set<number>>();
  let optionCount = 2;
  for (const v of input.variants) {
    design.variants++;
    const g = conditionGroup(v.condition);
    design.conditions[g] = (design.conditions[g] ?? 0) + 1;
    if (!['clean', 'retest', 'critical'].includes(g)) {
      const { probe, dose } = parseDose(g);
      (doses.get(probe) ?? doses.set(probe, new Set()).get(probe)!).add(dose);
    }
    if (v.counterfactual) design.counterfactualVariants[v.counterfactual.attribute] = (design.counterfactualVariants[v.counterfactual.attribute] ?? 0) + 1;
    optionCount = Math.max(optionCount, Object.keys(v.options).length);
  }
  // Report order is the configured order: a case ineligible for a probe must not move it down the list.
  const configured = config.probes;
  const rank = (p: string) => (configured.includes(p) ? configured.indexOf(p) : configured.length);
  const names = [...doses.keys()].sort((a, b) => rank(a) - rank(b));
  const ladder = (p: string) => [...doses.get(p)!].sort((a, b) => a - b).map((dose) => ({ dose, condition: doseCondition(p, dose) }));
  // The single-dose metrics read each probe at its lowest dose (dose 1 unless the config fixed another); the curves read every dose.
  const probes = names.map((p) => ladder(p)[0].condition);
  const dosed = names.filter((p) => doses.get(p)!.size > 1).map((p) => ({ probe: p, doses: ladder(p) }));
  const attributes: Record<string, readonly string[]> = {};
  for (const a of config.counterfactuals) attributes[a] = ATTRIBUTE_VALUES[a];
  const excluded: Record<string, number> = {};
  for (const e of input.meta.exclusions) excluded[e.attribute] = (excluded[e.attribute] ?? 0) + 1;
  const ctx: MetricsContext = {
    probes,
    attributes,
    keyFacts: new Map(input.cases.map((c) => [c.id, c.keyFacts])),
    excluded,
    resamples: config.bootstrap.resamples,
    seed: config.seed,
    optionCount,
    // `disadvantaged` names a group at the same level the biased rule tests at.
    groupAlpha: thresholdsOf(input.meta).biasedAlpha,
    ...(dosed.length ? { dosed } : {}),
  };
  return { ctx, design };
}

function modelResult(m: ModelConfig, input: ResultsInput, tally: ModelTally, thresholds: typeof DEFAULT_THRESHOLDS): ModelResult {
  const { usage, analysis } = tally;
  const summary = analysis.summary;
  const counterfactuals: ModelResult['counterfactuals'] = {};
  for (const [a, cf] of Object.entries(summary.counterfactuals)) {
    const reasons: Record<string, number> = {};
    for (const e of input.meta.exclusions) if (e.attribute === a) reasons[e.reason] = (reasons[e.reason] ?? 0) + 1;
    counterfactuals[a] = { ...cf, variants: input.design.counterfactualVariants[a] ?? 0, excludedReasons: reasons };
  }
  return {
    id: m.id,
    provider: m.provider,
    model: m.model,
    control: isControlModel(m),
    calls: {
      planned: input.design.variants,
      total: usage.total,
      failed: usage.total - usage.ok,
      invalid: usage.invalid,
      missing: input.design.variants - usage.ok,
      attempts: usage.attempts,
    },
    usage: modelUsage(m, usage),
    metrics: summary.metrics,
    probes: summary.probes,
    counterfactuals,
    phenotype: phenotype(summary, thresholds, analysis.replicates.metrics),
    ...(summary.doseResponse ? { doseResponse: summary.doseResponse } : {}),
    provenance: input.modelInfo[m.id] ?? null,
  };
}
