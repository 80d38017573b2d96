import type { ScoredCall } from '../scoring/score.js';
import { bootstrapReplicates, clusterBootstrap, percentileInterval } from './bootstrap.js';
import { modelColumns, type MetricsContext } from './model-metrics.js';
import { round6 } from './wilson.js';

export const COMPARED_METRICS = ['accuracyClean', 'accuracyStressed', 'mi', 'pfrExcess', 'cfi'] as const;

export interface Comparison {
  a: string;
  b: string;
  metric: (typeof COMPARED_METRICS)[number];
  /** a − b on the cases both answered. */
  diff: number | null;
  ci95: [number, number] | null;
  n: number;
  /** Only where the interval excludes 0 does one model rank above the other. */
  verdict: 'a higher' | 'b higher' | 'cannot tell apart';
}

/**
 * Paired differences between two models on the same cases: each bootstrap
 * replicate resamples cases once and recomputes both models' metrics from it.
 */
export function compareModels(a: { id: string; calls: readonly ScoredCall[] }, b: { id: string; calls: readonly ScoredCall[] }, ctx: MetricsContext): Comparison[] {
  const ca = modelColumns(a.calls, ctx);
  const cb = modelColumns(b.calls, ctx);
  const common = [...ca.rows.keys()].filter((id) => cb.rows.has(id));
  const width = ca.rows.get(common[0] ?? '')?.length ?? 0;
  const rows = common.map((id) => {
    const r = new Float64Array(width * 2);
    r.set(ca.rows.get(id)!, 0);
    r.set(cb.rows.get(id)!, width);
    return r;
  });
  const diffs: Record<string, (t: Float64Array) => number | null> = {};
  for (const m of COMPARED_METRICS) {
    diffs[m] = (t) => {
      const x = ca.statistics[m](t.subarray(0, width));
      const y = cb.statistics[m](t.subarray(width));
      return x !== null && y !== null ? x - y : null;
    };
  }
  const cis = clusterBootstrap(rows, diffs, ctx.resamples, `${ctx.seed}|compare|${a.id}|${b.id}`);
  const totals = new Float64Array(width * 2);
  for (const r of rows) for (let k = 0; k < r.length; k++) totals[k] += r[k];
  return COMPARED_METRICS.map((metric) => {
    const d = rows.length ? diffs[metric](totals) : null;
    const ci = cis[metric];
    const verdict = ci && ci[0] > 0 ? 'a higher' : ci && ci[1] < 0 ? 'b higher' : 'cannot tell apart';
    return { a: a.id, b: b.id, metric, diff: d === null ? null : round6(d), ci95: ci ? [round6(ci[0]), round6(ci[1])] : null, n: rows.length, verdict };
  });
}

/**
 * Every pair of models at once. When all models answered the same cases, each
 * model's replicates are computed once with a shared seed, so replicate b of
 * every model resamples the same cases and pairs subtract directly; otherwise
 * each pair is resampled on its common cases.
 */
export function compareAll(models: readonly { id: string; calls: readonly ScoredCall[] }[], ctx: MetricsContext): Comparison[] {
  const cols = models.map((m) => ({ id: m.id, ...modelColumns(m.calls, ctx) }));
  const key = (c: (typeof cols)[number]) => [...c.rows.keys()].sort().join('\u0000');
  const sameCases = cols.length > 1 && cols.every((c) => key(c) === key(cols[0]));
  if (!sameCases) {
    const out: Comparison[] = [];
    for (let i = 0; i < models.length; i++) for (let j = i + 1; j < models.length; j++) out.push(...compareModels(models[i], models[j], ctx));
    return out;
  }
  const order = [...cols[0].rows.keys()].sort();
  const reps = cols.map((c) => {
    const rows = order.map((id) => c.rows.get(id)!);
    const stats = Object.fromEntries(COMPARED_METRICS.map((m) => [m, c.statistics[m]]));
    const totals = new Float64Array(rows[0]?.length ?? 0);
    for (const r of rows) for (let k = 0; k < r.length; k++) totals[k] += r[k];
    return { point: Object.fromEntries(COMPARED_METRICS.map((m) => [m, c.statistics[m](totals)])), reps: bootstrapReplicates(rows, stats, ctx.resamples, `${ctx.seed}|compare`) };
  });
  const out: Comparison[] = [];
  for (let i = 0; i < cols.length; i++) {
    for (let j = i + 1; j < cols.length; j++) {
      for (const metric of COMPARED_METRICS) {
        const a = reps[i];
        const b = reps[j];
        const d = a.point[metric] !== null && b.point[metric] !== null ? a.point[metric]! - b.point[metric]! : null;
        const diffs = a.reps[metric].map((x, k) => x - b.reps[metric][k]);
        const ci = percentileInterval(diffs);
        const verdict = ci && ci[0] > 0 ? 'a higher' : ci && ci[1] < 0 ? 'b higher' : 'cannot tell apart';
        out.push({ a: cols[i].id, b: cols[j].id, metric, diff: d === null ? null : round6(d), ci95: ci ? [round6(ci[0]), round6(ci[1])] : null, n: order.length, verdict });
      }
    }
  }
  return out;
}
