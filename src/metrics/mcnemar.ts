/**
 * Exact McNemar test on paired binary outcomes: b and c are the discordant
 * counts. Two-sided p = 2·P(X ≤ min(b, c)) for X ~ Binomial(b + c, ½), capped at 1.
 */
export function exactMcNemar(b: number, c: number): number {
  const n = b + c;
  if (n === 0) return 1;
  const k = Math.min(b, c);
  // Sum binomial probabilities in log space: n can reach thousands.
  let logP = -n * Math.LN2; // log C(n,0) / 2^n
  let tail = Math.exp(logP);
  for (let i = 1; i <= k; i++) {
    logP += Math.log(n - i + 1) - Math.log(i);
    tail += Math.exp(logP);
  }
  return Math.min(1, 2 * tail);
}

/** Holm's step-down adjustment: controls the family-wise error over the probes. */
export function holm(pValues: readonly (number | null)[]): (number | null)[] {
  const indexed = pValues
    .map((p, i) => ({ p, i }))
    .filter((x): x is { p: number; i: number } => x.p !== null)
    .sort((a, b) => a.p - b.p);
  const m = indexed.length;
  const out: (number | null)[] = pValues.map(() => null);
  let running = 0;
  indexed.forEach(({ p, i }, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * p));
    out[i] = running;
  });
  return out;
}
