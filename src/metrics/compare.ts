import { clusterBootstrap, percentileInterval } from './bootstrap.js';
import type { MetricsContext, ModelAnalysis, ModelColumns } from './model-metrics.js';
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

type Named<T> = T & { id: string };

const verdictOf = (ci: [number, number] | null): Comparison['verdict'] => (ci && ci[0] > 0 ? 'a higher' : ci && ci[1] < 0 ? 'b higher' : 'cannot tell apart');

/**
 * Paired differences between two models on the cases both answered: each
 * bootstrap replicate resamples those cases once and recomputes both models'
 * metrics from them.
 */
export function compareModels(a: Named<ModelColumns>, b: Named<ModelColumns>, ctx: MetricsContext): Comparison[] {
  const rowOf = (m: ModelColumns) => new Map(m.caseIds.map((id, i) => [id, m.rows[i]]));
  const ra = rowOf(a);
  const rb = rowOf(b);
  const common = a.caseIds.filter((id) => rb.has(id));
  const wa = a.rows[0]?.length ?? 0;
  const wb = b.rows[0]?.length ?? 0;
  const rows = common.map((id) => {
    const r = new Float64Array(wa + wb);
    r.set(ra.get(id)!, 0);
    r.set(rb.get(id)!, wa);
    return r;
  });
  const diffs: Record<string, (t: Float64Array) => number | null> = {};
  for (const m of COMPARED_METRICS) {
    diffs[m] = (t) => {
      const x = a.statistics[m](t.subarray(0, wa));
      const y = b.statistics[m](t.subarray(wa));
      return x !== null && y !== null ? x - y : null;
    };
  }
  const cis = clusterBootstrap(rows, diffs, ctx.resamples, `${ctx.seed}|compare|${a.id}|${b.id}`);
  const totals = new Float64Array(wa + wb);
  for (const r of rows) for (let k = 0; k < r.length; k++) totals[k] += r[k];
  return COMPARED_METRICS.map((metric) => {
    const d = rows.length ? diffs[metric](totals) : null;
    const ci = cis[metric];
    return { a: a.id, b: b.id, metric, diff: d === null ? null : round6(d), ci95: ci ? [round6(ci[0]), round6(ci[1])] : null, n: rows.length, verdict: verdictOf(ci) };
  });
}

/**
 * Every pair of models at once. When all models answered the same cases,
 * their own bootstrap replicates already pair (same seed, same case order), so
 * differences are taken replicate by replicate with no new resampling;
 * otherwise each pair is resampled on its common cases.
 */
export function compareAll(models: readonly Named<ModelAnalysis>[], ctx: MetricsContext): Comparison[] {
  const key = (m: ModelAnalysis) => m.caseIds.join('\u0000');
  const sameCases = models.length > 1 && models.every((m) => key(m) === key(models[0]));
  const point = models.map((m) => {
    const totals = new Float64Array(m.rows[0]?.length ?? 0);
    for (const r of m.rows) for (let k = 0; k < r.length; k++) totals[k] += r[k];
    return Object.fromEntries(COMPARED_METRICS.map((metric) => [metric, m.rows.length ? m.statistics[metric](totals) : null]));
  });
  const out: Comparison[] = [];
  for (let i = 0; i < models.length; i++) {
    for (let j = i + 1; j < models.length; j++) {
      if (!sameCases) {
        out.push(...compareModels(models[i], models[j], ctx));
        continue;
      }
      const a = models[i];
      const b = models[j];
      for (const metric of COMPARED_METRICS) {
        const x = point[i][metric];
        const y = point[j][metric];
        const ra = a.replicates[metric];
        const rb = b.replicates[metric];
        const ci = a.rows.length ? percentileInterval(ra.map((v, k) => v - rb[k])) : null;
        out.push({ a: a.id, b: b.id, metric, diff: x !== null && y !== null ? round6(x - y) : null, ci95: ci ? [round6(ci[0]), round6(ci[1])] : null, n: a.caseIds.length, verdict: verdictOf(ci) });
      }
    }
  }
  return out;
}
