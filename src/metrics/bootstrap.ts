import { quantileSorted } from 'simple-statistics';
import { Rng } from '../probes/rng.js';

export const DEFAULT_RESAMPLES = 2000;

/**
 * The replicate values themselves: replicate b of every call with the same
 * seed and the same number of rows resamples the same row indices, so
 * replicates of two models on the same cases pair up.
 */
export function bootstrapReplicates(rows: readonly Float64Array[], statistics: Record<string, (totals: Float64Array) => number | null>, resamples: number, seed: number | string): Record<string, Float64Array> {
  const names = Object.keys(statistics);
  const out: Record<string, Float64Array> = Object.fromEntries(names.map((n) => [n, new Float64Array(resamples).fill(NaN)]));
  if (!rows.length) return out;
  const width = rows[0].length;
  const rng = new Rng('bootstrap', seed);
  const totals = new Float64Array(width);
  for (let b = 0; b < resamples; b++) {
    totals.fill(0);
    for (let i = 0; i < rows.length; i++) {
      const row = rows[rng.int(rows.length)];
      for (let k = 0; k < width; k++) totals[k] += row[k];
    }
    for (const n of names) {
      const v = statistics[n](totals);
      if (v !== null && Number.isFinite(v)) out[n][b] = v;
    }
  }
  return out;
}

/** 2.5th and 97.5th percentiles of replicate values; null when over a tenth are undefined. */
export function percentileInterval(values: Float64Array): [number, number] | null {
  const s = Array.from(values).filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  return s.length < values.length * 0.9 || !s.length ? null : [quantileSorted(s, 0.025), quantileSorted(s, 0.975)];
}

/**
 * Case-level cluster bootstrap: resample cases with replacement, keeping all of
 * a case's variants together (its row of per-case sums), and recompute every
 * statistic from the resampled column totals. One set of replicates serves all
 * statistics, so their intervals are mutually consistent.
 */
export function clusterBootstrap(rows: readonly Float64Array[], statistics: Record<string, (totals: Float64Array) => number | null>, resamples: number, seed: number | string): Record<string, [number, number] | null> {
  const reps = bootstrapReplicates(rows, statistics, resamples, seed);
  return Object.fromEntries(Object.keys(statistics).map((n) => [n, rows.length ? percentileInterval(reps[n]) : null]));
}
