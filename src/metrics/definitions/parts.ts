// Pieces several definitions share. The statistics read columns picked once per layout: they run in every bootstrap replicate.
import { LETTERS, sumAt, type CaseColumn, type Layout, type ProbeColumn } from '../layout.js';
import type { CounterfactualMetrics } from '../types.js';
import { clusteredProportion, proportion } from '../wilson.js';
import type { MetricEstimate, MetricSpec } from './define.js';

export const ratio = (num: number, den: number) => (den > 0 ? num / den : null);

type CaseCols = Layout['case'];
type ProbeCols = Layout['probes'][number];
type AttributeCols = Layout['attributes'][number]['at'];

export const accuracyCleanAt = (t: Float64Array, c: CaseCols) => ratio(t[c.cleanCorrect], t[c.cleanN]);

/** MI under one probe: its accuracy over clean accuracy; null when clean accuracy is 0. */
export function miAt(t: Float64Array, c: CaseCols, p: ProbeCols): number | null {
  const clean = accuracyCleanAt(t, c);
  const acc = ratio(t[p.correct], t[p.n]);
  return clean && acc !== null ? acc / clean : null;
}

/** CFI of one attribute at rest, and under double stress. */
export const cfiAt = (t: Float64Array, a: AttributeCols) => ratio(t[a.cfSame], t[a.cfN]);
export const cfiStressedAt = (t: Float64Array, a: AttributeCols) => ratio(t[a.cfsSame], t[a.cfsN]);

/** Every probe's columns beside the clean ones: what MI under each probe reads. */
export interface ProbeMiCols {
  clean: CaseCols;
  probe: ProbeCols;
}
export const probeMiCols = (L: Layout): ProbeMiCols[] => L.probes.map((probe) => ({ clean: L.case, probe }));
export const miOf = (t: Float64Array, x: ProbeMiCols) => miAt(t, x.clean, x.probe);

/** The mean and the least of a per-probe or per-attribute statistic, skipping undefined ones. */
export function meanOf<X>(t: Float64Array, xs: readonly X[], f: (t: Float64Array, x: X) => number | null): number | null {
  let s = 0;
  let k = 0;
  for (const x of xs) {
    const v = f(t, x);
    if (v !== null) {
      s += v;
      k++;
    }
  }
  return k ? s / k : null;
}

export function minOf<X>(t: Float64Array, xs: readonly X[], f: (t: Float64Array, x: X) => number | null): number | null {
  let m: number | null = null;
  for (const x of xs) {
    const v = f(t, x);
    if (v !== null && (m === null || v < m)) m = v;
  }
  return m;
}

/** Shannon entropy of a letter histogram (invalid replies last), normalised by log of the options (plus one when any reply is invalid). */
export function letterEntropy(t: Float64Array, histogram: Int32Array, optionCount: number): number | null {
  let n = 0;
  for (let i = 0; i < histogram.length; i++) n += t[histogram[i]];
  const k = Math.max(2, optionCount + (t[histogram[LETTERS.length]] > 0 ? 1 : 0));
  if (!n) return null;
  let h = 0;
  for (let i = 0; i < histogram.length; i++) {
    const x = t[histogram[i]];
    if (x) h -= (x / n) * Math.log(x / n);
  }
  return Math.min(1, h / Math.log(k));
}

/** Sums of every probe's pair columns: flips over pairs pooled over probes, the noise floor over its pairs. */
export const pfrAt = (t: Float64Array, flip: Int32Array, pair: Int32Array) => ratio(sumAt(t, flip), sumAt(t, pair));
export const retestFlipRateAt = (t: Float64Array, c: CaseCols) => ratio(t[c.retestFlip], t[c.retestN]);

type Pooled = { num: Int32Array; den: Int32Array };

/**
 * A proportion pooled over every (case, probe) unit: a case's units are
 * correlated, so its interval is Wilson on the effective n from the case
 * bootstrap (clustered), never plain Wilson.
 */
export function pooledOverProbes(num: ProbeColumn, den: ProbeColumn, reason: string): Pick<MetricSpec<string, Pooled>, 'columns' | 'compute' | 'estimate'> {
  return {
    columns: (L) => ({ num: L.overProbes(num), den: L.overProbes(den) }),
    compute: (c, t) => ratio(sumAt(t, c.num), sumAt(t, c.den)),
    estimate: (x) => clusteredProportion(sumAt(x.totals, x.columns.num), sumAt(x.totals, x.columns.den), x.replicates, reason),
  };
}

/** A proportion with one unit per case: Wilson interval. */
export function perCase(
  num: CaseColumn,
  den: CaseColumn,
  reason: string,
): Pick<MetricSpec<string, { num: number; den: number }>, 'columns' | 'compute' | 'estimate'> {
  return {
    columns: (L) => ({ num: L.case[num], den: L.case[den] }),
    compute: (c, t) => ratio(t[c.num], t[c.den]),
    estimate: (x) => proportion(x.totals[x.columns.num], x.totals[x.columns.den], reason),
  };
}

/** The worst (lowest) attribute's estimate, the attribute named: ties go to the first attribute run. */
export function worstAttribute(cfs: Readonly<Record<string, CounterfactualMetrics>>, key: 'cfi' | 'cfiStressed', reason: string): MetricEstimate {
  const worst = Object.entries(cfs)
    .filter(([, m]) => m[key].value !== null)
    .reduce<[string, CounterfactualMetrics] | null>((w, x) => (!w || x[1][key].value! < w[1][key].value! ? x : w), null);
  return worst ? { ...worst[1][key], attribute: worst[0] } : { value: null, ci95: null, n: 0, reason };
}

export const NO_PROBS = 'no letter probabilities: only log-probability scoring (llamacpp, scoring: logprob) records them';
