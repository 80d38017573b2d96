import { quantileSorted } from 'simple-statistics';
import { cochranQ } from './cochran.js';
import { exactMcNemar } from './mcnemar.js';
import { round6, type Estimate } from './wilson.js';

/** What the groups of one attribute say together, before the Holm adjustment across attributes. */
export interface GroupInference {
  test: 'cochran-q' | 'exact-mcnemar' | null;
  /** Unadjusted p of "every group equally accurate". */
  p: number | null;
  maxGap: Estimate | null;
  /** The least accurate group by point estimate; null on a tie. */
  worst: string | null;
  /** Share of replicates in which `worst` is strictly the least accurate. */
  worstShare: number | null;
}

/**
 * Tests every group of an attribute at once on the complete cases (each
 * answered for every group): Cochran's Q for three or more groups, the exact
 * McNemar test for two (Q's exact special case). `correct[j]` = correct
 * answers of group j over `n` cases; `sumRowSquares` = Σ over cases of
 * (correct answers of the case)². `replicates[j]` = group j's accuracy in
 * each bootstrap replicate.
 *
 * maxGap = best − worst accuracy. Its interval re-selects the best and worst
 * groups in every replicate: c is the 97.5th percentile of
 * M* = max_j(p*_j − p̂_j) − min_j(p*_j − p̂_j), the largest error of any pairwise
 * difference, so every pairwise gap — the largest, whichever pair it is —
 * lies within ±c of its estimate with ≥ 97.5% confidence. [θ̂ − c, θ̂ + c]
 * (clipped to [0, 1]) then misses on each side at most 2.5% of the time; with
 * no true gap it excludes 0 at most 2.5% of the time. A percentile interval of
 * the replicated max − min cannot do this: max − min ≥ 0 always, so it never
 * covers 0.
 */
export function groupInference(
  groups: readonly string[],
  correct: readonly number[],
  n: number,
  sumRowSquares: number,
  replicates: readonly (Float64Array | undefined)[],
): GroupInference {
  const k = groups.length;
  if (k < 2 || n === 0) return { test: null, p: null, maxGap: null, worst: null, worstShare: null };
  let p: number;
  let test: GroupInference['test'];
  if (k === 2) {
    // Both right on a case contributes R² − R = 2, one right 0: so both-right = (ΣR² − ΣR) / 2.
    const both = (sumRowSquares - correct[0] - correct[1]) / 2;
    p = exactMcNemar(correct[0] - both, correct[1] - both);
    test = 'exact-mcnemar';
  } else {
    p = cochranQ(correct, sumRowSquares).p;
    test = 'cochran-q';
  }
  const acc = correct.map((x) => x / n);
  const lo = Math.min(...acc);
  const gap = Math.max(...acc) - lo;
  const lowest = acc.flatMap((a, j) => (a === lo ? [j] : []));
  const w = lowest.length === 1 ? lowest[0] : -1;

  const B = replicates[0]?.length ?? 0;
  const errors: number[] = [];
  let worstCount = 0;
  const x = new Float64Array(k);
  for (let b = 0; b < B; b++) {
    let ok = true;
    for (let j = 0; j < k; j++) {
      x[j] = replicates[j]?.[b] ?? NaN;
      if (Number.isNaN(x[j])) ok = false;
    }
    if (!ok) continue;
    let hi = -Infinity;
    let low = Infinity;
    for (let j = 0; j < k; j++) {
      const d = x[j] - acc[j];
      if (d > hi) hi = d;
      if (d < low) low = d;
    }
    errors.push(hi - low);
    if (w >= 0) {
      let strictly = true;
      for (let j = 0; j < k; j++)
        if (j !== w && x[j] <= x[w]) {
          strictly = false;
          break;
        }
      if (strictly) worstCount++;
    }
  }
  let ci: [number, number] | null = null;
  if (B > 0 && errors.length >= 0.9 * B) {
    errors.sort((a, b) => a - b);
    const c = quantileSorted(errors, 0.975);
    ci = [round6(Math.max(0, gap - c)), round6(Math.min(1, gap + c))];
  }
  return {
    test,
    p,
    maxGap: { value: round6(gap), ci95: ci, n },
    worst: w >= 0 ? groups[w] : null,
    worstShare: w >= 0 && B > 0 ? worstCount / B : null,
  };
}
