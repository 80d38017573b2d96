import type { ScoredCall } from '../scoring/score.js';
import { NEUTRAL_VALUE, conditionGroup } from '../variants/types.js';
import { bootstrapJob, runBootstrapJob, type BootstrapJob } from './bootstrap.js';
import { groupSets, type Ans, type CaseRecord } from './case-record.js';
import { caseRow } from './case-row.js';
import { counterfactualMetrics } from './counterfactual-metrics.js';
import type { MetricEstimate } from './definitions/define.js';
import type { MetricName } from './definitions/index.js';
import { doseResponse } from './dose-response.js';
import { extractionRecall } from './extraction.js';
import { columnTotals, type LayoutSpec } from './layout.js';
import { bindModel, bootstrapStatistics, type BoundModel, type ModelReplicates } from './model-statistics.js';
import { probeMetrics } from './probe-metrics.js';
import type { MetricsContext, ModelAnalysis, ModelColumns, ModelSummary } from './types.js';

export type { CounterfactualMetrics, MetricName, MetricsContext, ModelAnalysis, ModelColumns, ModelSummary } from './types.js';

/** A model's rows and metrics bound to its layout, before the bootstrap; `job` may run on another thread. */
export interface PreparedModel {
  caseIds: string[];
  rows: Float64Array[];
  model: BoundModel;
  job: BootstrapJob<LayoutSpec>;
}

/**
 * Takes a model's scored calls one at a time and keeps only what the metrics
 * need per case: the answer, its correctness, letter probabilities and the
 * extraction recall. Replies and findings are not retained, so a store is
 * streamed rather than held in memory.
 */
export class ModelAccumulator {
  private readonly records = new Map<string, CaseRecord>();
  constructor(private readonly keyFacts: MetricsContext['keyFacts']) {}

  add(s: ScoredCall): void {
    let r = this.records.get(s.caseId);
    if (!r) this.records.set(s.caseId, (r = { retests: [], probes: new Map(), cf: new Map(), neutral: new Map(), baseline: new Map() }));
    const group = conditionGroup(s.condition);
    const ans: Ans = {
      probs: s.probs,
      optionCount: s.optionCount,
      text: s.answerText,
      correct: s.correct,
      letter: s.letter,
      gold: s.goldLetter,
      recall: group === 'critical' || s.counterfactual ? null : extractionRecall(this.keyFacts.get(s.caseId), s.keyFindings),
    };
    if (s.counterfactual) {
      const { attribute, value } = s.counterfactual;
      r.baseline.set(attribute, s.counterfactualBaseline);
      if (s.neutralEdit) (r.neutral.get(attribute) ?? r.neutral.set(attribute, new Map()).get(attribute)!).set(group, ans);
      // A neutral edit that is not the own value's variant (slotted cases, free-text SES) is no group.
      if (value === NEUTRAL_VALUE) return;
      const byValue = r.cf.get(attribute) ?? r.cf.set(attribute, new Map()).get(attribute)!;
      (byValue.get(value) ?? byValue.set(value, new Map()).get(value)!).set(group, ans);
    } else if (group === 'clean') r.clean = ans;
    else if (group === 'retest') r.retests.push(ans);
    else if (group === 'critical') r.critical = ans;
    else r.probes.set(group, ans);
  }

  /** The model's clean answer to a case, if it gave one. */
  clean(caseId: string): { text: string | null; correct: boolean } | undefined {
    const c = this.records.get(caseId)?.clean;
    return c && { text: c.text, correct: c.correct };
  }

  /** Per-case rows without bootstrapping (paired comparisons across runs resample their own). */
  columns(ctx: MetricsContext): ModelColumns {
    const { caseIds, rows, model } = this.prepare(ctx);
    return { caseIds, rows, statistics: model.statistics.metrics };
  }

  /**
   * Everything but the bootstrap: per-case rows and the job that resamples
   * them, which can run on another thread. The groups of each attribute (the
   * values some case was asked about) are found first, so every group's
   * accuracy joins the same replicates as every other statistic.
   */
  prepare(ctx: MetricsContext): PreparedModel {
    const caseIds = [...this.records.keys()].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
    const records = caseIds.map((id) => this.records.get(id)!);
    const spec: LayoutSpec = { probes: ctx.probes, attributes: ctx.attributes, groups: groupSets(records, ctx.attributes), optionCount: ctx.optionCount };
    const model = bindModel(spec);
    const rows = records.map((r) => caseRow(r, model.layout));
    return { caseIds, rows, model, job: bootstrapJob(spec, rows, ctx.resamples, ctx.seed) };
  }

  /** The summary, from prepared rows and the job's replicates. */
  complete(p: PreparedModel, replicates: ModelReplicates, ctx: MetricsContext): ModelAnalysis {
    const summary = summarise(p.model, p.rows, replicates, ctx);
    const records = p.caseIds.map((id) => this.records.get(id)!);
    const dr = ctx.dosed?.length ? doseResponse(records, ctx.dosed, ctx.resamples, ctx.seed) : null;
    if (dr) summary.doseResponse = dr;
    return { caseIds: p.caseIds, rows: p.rows, statistics: p.model.statistics.metrics, replicates, summary };
  }

  analyse(ctx: MetricsContext): ModelAnalysis {
    const p = this.prepare(ctx);
    return this.complete(p, runBootstrapJob(p.job, bootstrapStatistics), ctx);
  }
}

/**
 * Every metric of one model, a pure function of its scored calls. Proportions
 * carry Wilson intervals; ratios, differences, means of fractions and
 * entropies carry case-level cluster-bootstrap intervals.
 */
export function modelSummary(calls: Iterable<ScoredCall>, ctx: MetricsContext): ModelSummary {
  return accumulate(calls, ctx).analyse(ctx).summary;
}

export function accumulate(calls: Iterable<ScoredCall>, ctx: Pick<MetricsContext, 'keyFacts'>): ModelAccumulator {
  const acc = new ModelAccumulator(ctx.keyFacts);
  for (const s of calls) acc.add(s);
  return acc;
}

/** Headline metrics from the registry, then each probe's and each attribute's results. */
function summarise(model: BoundModel, rows: readonly Float64Array[], replicates: ModelReplicates, ctx: MetricsContext): ModelSummary {
  const T = columnTotals(rows, model.layout.width);
  const some = rows.length > 0;
  const probes = probeMetrics(model, T, some ? replicates : undefined);
  const counterfactuals = counterfactualMetrics(model, T, replicates, some, ctx);
  const metrics = {} as Record<MetricName, MetricEstimate>;
  for (const m of model.metrics) metrics[m.name] = m.estimate({ totals: T, rows, replicates: some ? replicates.metrics[m.name] : undefined, counterfactuals });
  const c = model.layout.case;
  return { metrics, probes, counterfactuals, validClean: T[c.cleanN] - T[c.cleanInv] };
}
