import { bootstrapReplicates, percentileInterval, type Statistic } from './bootstrap.js';
import { COMPARED_METRICS, type MetricName } from './definitions/index.js';
import { columnTotals } from './layout.js';
import type { MetricsContext, ModelAnalysis, ModelColumns } from './types.js';
import { simultaneousIntervals } from './simultaneous.js';
import { round6 } from './wilson.js';

export interface Comparison {
  a: string;
  b: string;
  /** One of COMPARED_METRICS (the definitions marked `compared`). */
  metric: MetricName;
  /** a − b on the cases both answered. */
  diff: number | null;
  /** Marginal (unadjusted) percentile interval, kept for transparency; it does not decide the verdict. */
  ci95: [number, number] | null;
  /** Simultaneous 95% interval (max-|t|) over every comparison of the family. */
  ci95Adjusted: [number, number] | null;
  /** Comparisons in the family: those with an adjusted interval. */
  adjustedFor: number;
  n: number;
  /** Only where the adjusted interval excludes 0 does one model rank above the other. */
  verdict: 'a higher' | 'b higher' | 'cannot tell apart';
}

type Named<T> = T & { id: string };
type Metric = Comparison['metric'];

/** One comparison before the family is known: its point difference and replicate differences. */
interface Draft {
  a: string;
  b: string;
  metric: Metric;
  diff: number | null;
  replicates: Float64Array;
  n: number;
}

const verdictOf = (ci: [number, number] | null): Comparison['verdict'] => (ci && ci[0] > 0 ? 'a higher' : ci && ci[1] < 0 ? 'b higher' : 'cannot tell apart');
const rounded = (ci: [number, number] | null): [number, number] | null => (ci ? [round6(ci[0]), round6(ci[1])] : null);

/** Marginal and simultaneous intervals for one family of comparisons. */
function family(drafts: readonly Draft[]): Comparison[] {
  const s = simultaneousIntervals(
    drafts.map((d) => d.diff),
    drafts.map((d) => d.replicates),
  );
  return drafts.map((d, k) => ({
    a: d.a,
    b: d.b,
    metric: d.metric,
    diff: d.diff === null ? null : round6(d.diff),
    ci95: rounded(d.n ? percentileInterval(d.replicates) : null),
    ci95Adjusted: rounded(s.intervals[k]),
    adjustedFor: s.family,
    n: d.n,
    verdict: verdictOf(s.intervals[k]),
  }));
}

/**
 * Paired differences for many pairs, all in one family. Each pair is
 * resampled on its common cases, but every pair's rows run over one shared
 * case list (zero rows where a pair has no common answer) with one seed, so
 * replicate b draws the same cases for every pair: the max-|t| interval then
 * sees how the pairs' differences move together.
 */
export function comparePairs(pairs: readonly (readonly [Named<ModelColumns>, Named<ModelColumns>])[], ctx: MetricsContext): Comparison[] {
  const common = pairs.map(([a, b]) => {
    const inB = new Set(b.caseIds);
    return new Set(a.caseIds.filter((id) => inB.has(id)));
  });
  const cases = [...new Set(common.flatMap((c) => [...c]))];
  const seed = `${ctx.seed}|compare`;
  return family(pairs.flatMap(([a, b], p) => pairDrafts(a, b, cases, common[p], ctx.resamples, seed)));
}

function pairDrafts(
  a: Named<ModelColumns>,
  b: Named<ModelColumns>,
  cases: readonly string[],
  common: ReadonlySet<string>,
  resamples: number,
  seed: string,
): Draft[] {
  const rowOf = (m: ModelColumns) => new Map(m.caseIds.map((id, i) => [id, m.rows[i]]));
  const ra = rowOf(a);
  const rb = rowOf(b);
  const wa = a.rows[0]?.length ?? 0;
  const wb = b.rows[0]?.length ?? 0;
  const zero = new Float64Array(wa + wb);
  const rows = cases.map((id) => {
    if (!common.has(id)) return zero;
    const r = new Float64Array(wa + wb);
    r.set(ra.get(id)!, 0);
    r.set(rb.get(id)!, wa);
    return r;
  });
  const diffs: Record<string, Statistic> = {};
  for (const m of COMPARED_METRICS) {
    const sa = a.statistics[m];
    const sb = b.statistics[m];
    // A model with no answers has no statistics; it has no common case either, so these are never called for it.
    if (!sa || !sb) continue;
    diffs[m] = (t) => {
      const x = sa(t.subarray(0, wa));
      const y = sb(t.subarray(wa));
      return x !== null && y !== null ? x - y : null;
    };
  }
  // No common case: nothing to resample (and a model with no answers has no statistics to call).
  const reps = common.size ? bootstrapReplicates(rows, diffs, resamples, seed) : {};
  const totals = columnTotals(rows, wa + wb);
  return COMPARED_METRICS.map((metric) => ({
    a: a.id,
    b: b.id,
    metric,
    diff: common.size && diffs[metric] ? diffs[metric](totals) : null,
    replicates: reps[metric] ?? new Float64Array(resamples).fill(NaN),
    n: common.size,
  }));
}

/**
 * Every pair of models at once, as one family. When all models answered the
 * same cases, their own bootstrap replicates already pair (same seed, same
 * case order), so differences are taken replicate by replicate with no new
 * resampling; otherwise the pairs are resampled jointly (comparePairs).
 */
export function compareAll(models: readonly Named<ModelAnalysis>[], ctx: MetricsContext): Comparison[] {
  const key = (m: ModelAnalysis) => m.caseIds.join('\u0000');
  const sameCases = models.length > 1 && models.every((m) => key(m) === key(models[0]));
  const pairs: [Named<ModelAnalysis>, Named<ModelAnalysis>][] = [];
  for (let i = 0; i < models.length; i++) for (let j = i + 1; j < models.length; j++) pairs.push([models[i], models[j]]);
  if (!sameCases) return comparePairs(pairs, ctx);
  const point = new Map(
    models.map((m) => {
      const totals = columnTotals(m.rows, m.rows[0]?.length ?? 0);
      return [m, Object.fromEntries(COMPARED_METRICS.map((metric) => [metric, m.rows.length ? (m.statistics[metric]?.(totals) ?? null) : null]))];
    }),
  );
  return family(
    pairs.flatMap(([a, b]) =>
      COMPARED_METRICS.map((metric): Draft => {
        const x = point.get(a)![metric];
        const y = point.get(b)![metric];
        const ra = a.replicates.metrics[metric];
        const rb = b.replicates.metrics[metric];
        return { a: a.id, b: b.id, metric, diff: x !== null && y !== null ? x - y : null, replicates: ra.map((v, k) => v - rb[k]), n: a.caseIds.length };
      }),
    ),
  );
}
