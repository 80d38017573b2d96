import { chiSquareSurvival } from './chi-square.js';

/**
 * Cochran's Q from the totals of a complete block design: n cases, each
 * answered once for every one of k groups, correctness 0/1.
 * `columns[j]` = correct answers of group j; `sumRowSquares` = Σ over cases of
 * (correct answers of that case)². Q = (k−1)(k ΣC_j² − N²) / (k N − ΣR_i²),
 * χ² with k−1 df under "every group equally accurate".
 */
export function cochranQ(columns: readonly number[], sumRowSquares: number): { q: number; df: number; p: number } {
  const k = columns.length;
  if (k < 2) throw new RangeError("Cochran's Q needs at least two groups");
  let n = 0;
  let sumSq = 0;
  for (const c of columns) {
    n += c;
    sumSq += c * c;
  }
  const den = k * n - sumRowSquares;
  // No case answered differently across groups: no evidence of any difference.
  if (den <= 0) return { q: 0, df: k - 1, p: 1 };
  const q = Math.max(0, ((k - 1) * (k * sumSq - n * n)) / den);
  return { q, df: k - 1, p: chiSquareSurvival(q, k - 1) };
}
