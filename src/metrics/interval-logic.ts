import type { MetricName, ModelSummary } from './types.js';

// Three-valued reading of a metric's interval against a threshold: the phenotype rules' logic.

/** A value as the rules cite it. */
export const f = (x: number | null | undefined) => (x === null || x === undefined ? 'n/a' : x.toFixed(3));

/** A metric as a rule reads it: its value and the interval the decision must clear. */
export interface Seen {
  value: number | null;
  lo: number | null;
  hi: number | null;
}
export type View = (name: MetricName) => Seen;
/** true, false, or null when the interval straddles the threshold. */
export type Tri = boolean | null;

/** An estimate as a rule reads it: no interval reads as the point itself. */
export const seenOf = (e: { value: number | null; ci95: [number, number] | null }): Seen => ({
  value: e.value,
  lo: e.ci95?.[0] ?? e.value,
  hi: e.ci95?.[1] ?? e.value,
});

export const intervalView =
  (m: ModelSummary['metrics']): View =>
  (name) =>
    seenOf(m[name]);

export const shown = (name: string, x: Seen) => `${name} ${f(x.value)}${x.lo !== x.hi ? ` [${f(x.lo)}, ${f(x.hi)}]` : ''}`;

/** Above or below a threshold, by the interval: undecided (null) when it straddles the threshold. */
export function cmp(x: Seen, op: '>' | '<' | '>=' | '<=', t: number): Tri {
  if (x.value === null) return null;
  const [lo, hi] = [x.lo ?? x.value, x.hi ?? x.value];
  switch (op) {
    case '>':
      return lo > t ? true : hi <= t ? false : null;
    case '>=':
      return lo >= t ? true : hi < t ? false : null;
    case '<':
      return hi < t ? true : lo >= t ? false : null;
    case '<=':
      return hi <= t ? true : lo > t ? false : null;
  }
}

export const and = (xs: Tri[]): Tri => (xs.includes(false) ? false : xs.includes(null) ? null : true);
export const or = (xs: Tri[]): Tri => (xs.includes(true) ? true : xs.includes(null) ? null : false);

/** A trigger whose metric is missing does not fire; one whose interval straddles is undecided. */
export const maybe = (x: Seen): Tri => (x.value === null ? false : null);

/** "p < 0.001" rather than "p = 0.000". */
export const pText = (x: number | null) => (x === null ? 'p n/a' : x < 0.001 ? 'p < 0.001' : `p = ${x.toFixed(3)}`);
