import { errorFunction, probit, quantileSorted } from 'simple-statistics';
import { Rng } from '../util/rng.js';
import { round6, type Estimate } from './wilson.js';

export type Statistic = (totals: Float64Array) => number | null;

/**
 * The replicate values themselves, one array per statistic: replicate b of
 * every call with the same seed and the same number of rows resamples the
 * same row indices, so replicates of two models on the same cases pair up.
 */
function replicateStatistics(rows: readonly Float64Array[], fns: readonly Statistic[], resamples: number, seed: number | string): Float64Array[] {
  const outs = fns.map(() => new Float64Array(resamples).fill(NaN));
  if (!rows.length) return outs;
  const n = rows.length;
  const width = rows[0].length;
  // A column that is zero in every row is zero in every replicate: only the
  // others are summed, from one contiguous matrix.
  const active: number[] = [];
  for (let k = 0; k < width; k++) if (rows.some((r) => r[k] !== 0)) active.push(k);
  const w = active.length;
  const matrix = new Float64Array(n * w);
  for (let i = 0; i < n; i++) for (let j = 0; j < w; j++) matrix[i * w + j] = rows[i][active[j]];
  const rng = new Rng('bootstrap', seed);
  const sums = new Float64Array(w);
  const totals = new Float64Array(width);
  const counts = new Int32Array(n);
  for (let b = 0; b < resamples; b++) {
    sums.fill(0);
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[rng.int(n)]++;
    // Each drawn case adds its row as often as it was drawn.
    for (let i = 0; i < n; i++) {
      const k = counts[i];
      if (!k) continue;
      const base = i * w;
      for (let j = 0; j < w; j++) sums[j] += k * matrix[base + j];
    }
    for (let j = 0; j < w; j++) totals[active[j]] = sums[j];
    for (let s = 0; s < fns.length; s++) {
      const v = fns[s](totals);
      if (v !== null && Number.isFinite(v)) outs[s][b] = v;
    }
  }
  return outs;
}

/** Replicates of named statistics (see replicateStatistics). */
export function bootstrapReplicates(
  rows: readonly Float64Array[],
  statistics: Record<string, Statistic>,
  resamples: number,
  seed: number | string,
): Record<string, Float64Array> {
  const names = Object.keys(statistics);
  const outs = replicateStatistics(
    rows,
    names.map((n) => statistics[n]),
    resamples,
    seed,
  );
  return Object.fromEntries(names.map((n, i) => [n, outs[i]]));
}

/** A tree of statistics (records nested to any depth) with each statistic replaced by its replicates. */
export type Replicated<T> = T extends Statistic ? Float64Array : { [K in keyof T]: Replicated<T[K]> };

/** The statistics of a tree, depth first in key order. */
function leaves(node: unknown, out: Statistic[]): Statistic[] {
  if (typeof node === 'function') out.push(node as Statistic);
  else for (const child of Object.values(node as object)) leaves(child, out);
  return out;
}

/** Replicates of a tree of statistics, in the tree's shape (see replicateStatistics). */
function bootstrapTree<T>(rows: readonly Float64Array[], tree: T, resamples: number, seed: number | string): Replicated<T> {
  const outs = replicateStatistics(rows, leaves(tree, []), resamples, seed);
  let next = 0;
  const rebuild = (node: unknown): unknown =>
    typeof node === 'function' ? outs[next++] : Object.fromEntries(Object.entries(node as object).map(([k, v]) => [k, rebuild(v)]));
  return rebuild(tree) as Replicated<T>;
}

/** One bootstrap's input, all of it structured-cloneable: it may run on a worker thread. */
export interface BootstrapJob<S> {
  /** What the statistics are built from (`build(spec)` on whichever thread runs the job). */
  spec: S;
  /** n rows × width columns, row-major. */
  matrix: Float64Array;
  n: number;
  width: number;
  resamples: number;
  seed: number | string;
}

/** A job's rows, as views of its matrix. */
function jobRows(job: BootstrapJob<unknown>): Float64Array[] {
  return Array.from({ length: job.n }, (_, i) => job.matrix.subarray(i * job.width, (i + 1) * job.width));
}

/** Packs rows into a job. */
export function bootstrapJob<S>(spec: S, rows: readonly Float64Array[], resamples: number, seed: number | string): BootstrapJob<S> {
  const width = rows[0]?.length ?? 0;
  const matrix = new Float64Array(rows.length * width);
  for (const [i, r] of rows.entries()) matrix.set(r, i * width);
  return { spec, matrix, n: rows.length, width, resamples, seed };
}

/** Runs a job on this thread. */
export function runBootstrapJob<S, T>(job: BootstrapJob<S>, build: (spec: S) => T): Replicated<T> {
  return bootstrapTree(jobRows(job), build(job.spec), job.resamples, job.seed);
}

/** 2.5th and 97.5th percentiles of replicate values; null when over a tenth are undefined. */
export function percentileInterval(values: Float64Array): [number, number] | null {
  const s = values.filter((v) => !Number.isNaN(v)).sort();
  return s.length < values.length * 0.9 || !s.length
    ? null
    : [quantileSorted(s as unknown as number[], 0.025), quantileSorted(s as unknown as number[], 0.975)];
}

/**
 * Bias-corrected percentile interval (Efron's BC): the percentiles are moved
 * by z0 = Φ⁻¹(share of replicates below the estimate), which corrects the
 * median bias of plug-in statistics such as entropies and ratios, where a
 * plain percentile interval sits off-centre and covers the truth too rarely.
 * Ties with the estimate count half. Null as for percentileInterval.
 */
export function bcInterval(values: Float64Array, estimate: number): [number, number] | null {
  const s = values.filter((v) => !Number.isNaN(v)).sort();
  if (s.length < values.length * 0.9 || !s.length) return null;
  let below = 0;
  let ties = 0;
  for (const v of s)
    if (v < estimate) below++;
    else if (v === estimate) ties++;
  const share = (below + ties / 2) / s.length;
  // Every replicate on one side: no correction can be estimated, so none is made.
  const z0 = share <= 0 || share >= 1 ? 0 : probit(share);
  const phi = (z: number) => 0.5 * (1 + errorFunction(z / Math.SQRT2));
  const lo = phi(2 * z0 - Z975);
  const hi = phi(2 * z0 + Z975);
  return [quantileSorted(s as unknown as number[], lo), quantileSorted(s as unknown as number[], hi)];
}

const Z975 = 1.959963984540054;

/**
 * Case-level cluster bootstrap: resample cases with replacement, keeping all of
 * a case's variants together (its row of per-case sums), and recompute every
 * statistic from the resampled column totals. One set of replicates serves all
 * statistics, so their intervals are mutually consistent.
 */
export function clusterBootstrap(
  rows: readonly Float64Array[],
  statistics: Record<string, Statistic>,
  resamples: number,
  seed: number | string,
): Record<string, [number, number] | null> {
  const reps = bootstrapReplicates(rows, statistics, resamples, seed);
  return Object.fromEntries(Object.keys(statistics).map((n) => [n, rows.length ? percentileInterval(reps[n]) : null]));
}

/** A statistic with its BC interval from its replicates (none without them); null with the reason when undefined. */
export function bcEstimate(value: number | null, replicates: Float64Array | undefined, n: number, reason: string): Estimate {
  if (value === null || !Number.isFinite(value)) return { value: null, ci95: null, n, reason };
  const ci = replicates ? bcInterval(replicates, value) : null;
  return { value: round6(value), ci95: ci ? [round6(ci[0]), round6(ci[1])] : null, n };
}
