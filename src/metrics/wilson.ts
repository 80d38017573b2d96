/** A number with its 95% interval and the count it rests on. */
export interface Estimate {
  value: number | null;
  ci95: [number, number] | null;
  n: number;
  /** Why the value is null, when it is. */
  reason?: string;
}

const Z95 = 1.959963984540054;

/** Wilson score interval: honest near 0 and 1, unlike the normal approximation. */
export function wilson(successes: number, n: number, z = Z95): [number, number] {
  if (n === 0) return [0, 1];
  const p = successes / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  const lo = successes === 0 ? 0 : Math.max(0, centre - half);
  const hi = successes === n ? 1 : Math.min(1, centre + half);
  return [round6(lo), round6(hi)];
}

export function proportion(successes: number, n: number, emptyReason = 'no observations'): Estimate {
  if (n === 0) return { value: null, ci95: null, n: 0, reason: emptyReason };
  return { value: round6(successes / n), ci95: wilson(successes, n), n };
}

/**
 * A proportion pooled over units clustered in cases (a case's answers under
 * several probes): Wilson on the effective sample size n / deff, where the
 * design effect deff is the case-bootstrap variance over the binomial one
 * (Korn & Graubard). It keeps Wilson's honesty near 0 and 1, where a
 * percentile bootstrap collapses to [0, 0], and the cluster bootstrap's width
 * elsewhere.
 */
export function clusteredProportion(successes: number, n: number, replicates: Float64Array | undefined, emptyReason = 'no observations'): Estimate {
  if (n === 0) return { value: null, ci95: null, n: 0, reason: emptyReason };
  const p = successes / n;
  let deff = 1;
  if (replicates && p > 0 && p < 1) {
    let k = 0;
    let mean = 0;
    let m2 = 0;
    for (const x of replicates) {
      if (Number.isNaN(x)) continue;
      k++;
      const d = x - mean;
      mean += d / k;
      m2 += d * (x - mean);
    }
    if (k > 1) deff = Math.max(1, m2 / (k - 1) / ((p * (1 - p)) / n));
  }
  const nEff = n / deff;
  return { value: round6(p), ci95: wilson(p * nEff, nEff), n };
}

/** Six decimals: enough for any report, and stable bytes in results.json. */
export const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** p-values keep three significant digits, so a tiny p is not rounded to 0. */
export const sig3 = (p: number) => Number(p.toPrecision(3));
