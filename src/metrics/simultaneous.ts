/** A bootstrap SD below this is rounding noise in a difference that is the same in every replicate. */
const ZERO_SE = 1e-12;

export interface Simultaneous {
  /** 95th percentile of the max-|t| statistic over replicates; null when no comparison varies. */
  critical: number | null;
  /** Bootstrap SD of each comparison; null where it is undefined. */
  se: (number | null)[];
  /** point ± critical·se; [point, point] where se is 0; null where undefined. */
  intervals: ([number, number] | null)[];
  /** Comparisons with an interval: the family the intervals hold jointly over. */
  family: number;
}

/**
 * Simultaneous intervals by the studentized maximum (max-|t|) over bootstrap
 * replicates that were drawn jointly (replicate b resamples the same cases for
 * every comparison), so the dependence between comparisons is kept and the
 * intervals cover all true differences at once with probability `level`.
 * Like percentileInterval, a comparison with over a tenth of its replicates
 * undefined gets no interval.
 */
export function simultaneousIntervals(points: readonly (number | null)[], replicates: readonly Float64Array[], level = 0.95): Simultaneous {
  const se = points.map((p, k) => (p === null || !Number.isFinite(p) ? null : bootstrapSd(replicates[k])));
  const varying = se.flatMap((s, k) => (s !== null && s > ZERO_SE ? [k] : []));
  const B = Math.max(0, ...varying.map((k) => replicates[k].length));
  const T: number[] = [];
  for (let b = 0; b < B; b++) {
    let t = -1;
    for (const k of varying) {
      const v = replicates[k][b];
      if (!Number.isNaN(v)) t = Math.max(t, Math.abs(v - points[k]!) / se[k]!);
    }
    if (t >= 0) T.push(t);
  }
  T.sort((x, y) => x - y);
  // The ⌈level·(B+1)⌉-th smallest: a right-tail quantile from finitely many replicates runs low, and this order statistic is the usual guard.
  const critical = T.length ? T[Math.min(T.length, Math.ceil(level * (T.length + 1))) - 1] : null;
  const intervals = se.map((s, k): [number, number] | null => {
    if (s === null) return null;
    const p = points[k]!;
    // The same difference in every resample is one every case shows: no sampling error to allow for.
    if (s <= ZERO_SE) return [p, p];
    return [p - critical! * s, p + critical! * s];
  });
  return { critical, se, intervals, family: intervals.filter((i) => i !== null).length };
}

/** SD of the defined replicates; null when over a tenth (or all but one) are undefined. */
function bootstrapSd(values: Float64Array): number | null {
  let n = 0;
  let sum = 0;
  for (const v of values)
    if (!Number.isNaN(v)) {
      n++;
      sum += v;
    }
  if (n < 2 || n < values.length * 0.9) return null;
  const mean = sum / n;
  let ss = 0;
  for (const v of values) if (!Number.isNaN(v)) ss += (v - mean) ** 2;
  return Math.sqrt(ss / (n - 1));
}
