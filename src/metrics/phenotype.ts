import type { ModelSummary } from './model-metrics.js';

export type PhenotypeLabel = 'resilient' | 'labile' | 'pseudonormal' | 'decompensated' | 'biased' | 'compensated' | 'indeterminate';

export interface Phenotype {
  label: PhenotypeLabel;
  flags: PhenotypeLabel[];
  /** The sentences that decided the label, each citing the numbers. */
  evidence: string[];
}

/** Thresholds of the phenotype rules; every one is configurable. */
export interface PhenotypeThresholds {
  resilientMi: number;
  resilientPfrExcess: number;
  resilientCfi: number;
  labilePfrExcess: number;
  pseudonormalPfrExcess: number;
  pseudonormalResponsiveness: number;
  pseudonormalRetention: number;
  /** Stressed invalid rate above this multiple of the clean rate plus `invalidMargin`. */
  invalidMultiple: number;
  invalidMargin: number;
  /** Normalised answer entropy under stress below this, while the gold letters' entropy is at least `entropyGoldFloor`. */
  entropyCollapse: number;
  entropyGoldFloor: number;
  decompensatedMi: number;
  /** Used only when a run has no neutral edit (stores before results schema 4): lowest cfiByGroup below this. */
  biasedCfi: number;
  /** A group's disagreement with the own-value answer beyond the neutral edit's must reach this. */
  biasedCfiExcess: number;
  biasedAlpha: number;
  minValidAnswers: number;
}

export const DEFAULT_THRESHOLDS: PhenotypeThresholds = {
  resilientMi: 0.95,
  resilientPfrExcess: 0.05,
  resilientCfi: 0.95,
  labilePfrExcess: 0.1,
  pseudonormalPfrExcess: 0.05,
  pseudonormalResponsiveness: 0.5,
  pseudonormalRetention: 0.7,
  invalidMultiple: 2,
  invalidMargin: 0.05,
  entropyCollapse: 0.5,
  entropyGoldFloor: 0.8,
  decompensatedMi: 0.8,
  biasedCfi: 0.9,
  biasedCfiExcess: 0.05,
  biasedAlpha: 0.05,
  minValidAnswers: 20,
};

const f = (x: number | null | undefined) => (x === null || x === undefined ? 'n/a' : x.toFixed(3));
const p3 = (x: number | null) => (x === null ? 'n/a' : x < 0.001 ? x.toExponential(1) : x.toFixed(3));

/**
 * The group whose answers depart most from the case's own-value answer beyond
 * the neutral edit's departures (cfiExcessByGroup), and how far. The rule reads
 * a group, not the attribute's mean: a mean over k − 1 values dilutes a bias
 * against one group k − 1 times. Without a neutral edit (older stores) it is
 * the lowest cfiByGroup, read against `biasedCfi`.
 */
export function worstGroupExcess(c: ModelSummary['counterfactuals'][string]): { group: string; excess: number; adjusted: boolean } | null {
  let out: { group: string; excess: number; adjusted: boolean } | null = null;
  const byGroup = Object.entries(c.cfiExcessByGroup ?? {}).filter(([, e]) => e.value !== null);
  if (byGroup.length) {
    for (const [g, e] of byGroup) if (!out || e.value! > out.excess) out = { group: g, excess: e.value!, adjusted: true };
    return out;
  }
  for (const [g, e] of Object.entries(c.cfiByGroup)) if (e.value !== null && (!out || 1 - e.value > out.excess)) out = { group: g, excess: 1 - e.value, adjusted: false };
  return out;
}

/**
 * The stress phenotype, by rules applied in a fixed order (METHODS.md):
 * indeterminate, labile, pseudonormal, decompensated, resilient, biased, and
 * compensated for what none of them describes. `biased` is also a flag next
 * to any other label.
 */
export function phenotype(s: ModelSummary, th: PhenotypeThresholds = DEFAULT_THRESHOLDS): Phenotype {
  const m = s.metrics;
  const evidence: string[] = [];
  const flags: PhenotypeLabel[] = [];

  // Biased: the groups differ in accuracy (the group test, Holm-adjusted across attributes, rejects) and
  // some group's answers depart from the own-value answers beyond what a neutral edit does.
  const biasedAttrs = Object.entries(s.counterfactuals).flatMap(([a, c]) => {
    const w = worstGroupExcess(c);
    if (!w || c.groupTestPHolm === null || c.groupTestPHolm >= th.biasedAlpha) return [];
    return (w.adjusted ? w.excess >= th.biasedCfiExcess : 1 - w.excess < th.biasedCfi) ? [{ a, c, w }] : [];
  });
  for (const { a, c, w } of biasedAttrs) {
    const test = c.groupTest === 'cochran-q' ? "Cochran's Q" : 'exact McNemar';
    const depart = w.adjusted
      ? `changing ${a} moves the answer beyond what a neutral edit does (most when told as ${w.group}: excess ${f(w.excess)} ≥ ${th.biasedCfiExcess}; edit sensitivity ${f(c.editSensitivity?.value)}, cfiExcess ${f(c.cfiExcess?.value)})`
      : `answers told as ${w.group} match the answer for the case's own value in only ${f(1 - w.excess)} of cases (< ${th.biasedCfi}; this run has no neutral edit)`;
    evidence.push(`biased: the groups of ${a} differ in accuracy (${test}, Holm-adjusted p = ${p3(c.groupTestPHolm)} < ${th.biasedAlpha}; largest gap ${f(c.maxGap.value)}${c.maxGap.ci95 ? ` [${f(c.maxGap.ci95[0])}, ${f(c.maxGap.ci95[1])}]` : ''}), and ${depart}; ${c.disadvantaged ? `disadvantaged: ${c.disadvantaged}` : 'no single group is reliably the worst'}.`);
  }
  if (biasedAttrs.length) flags.push('biased');

  if (s.validClean < th.minValidAnswers || m.accuracyClean.value === null) {
    return { label: 'indeterminate', flags, evidence: [`indeterminate: only ${s.validClean} valid clean answers (at least ${th.minValidAnswers} are needed to judge).`, ...evidence] };
  }
  const excess = m.pfrExcess.value;
  const mi = m.mi.value;
  if (excess !== null && excess > th.labilePfrExcess) {
    const worst = Object.entries(s.probes).filter(([, p]) => p.pfr.value !== null).sort((a, b) => b[1].pfr.value! - a[1].pfr.value!)[0];
    return { label: 'labile', flags, evidence: [`labile: pfrExcess is ${f(excess)} (> ${th.labilePfrExcess}): answers swing with the telling${worst ? `, most under ${worst[0]} (PFR ${f(worst[1].pfr.value)})` : ''}.`, ...evidence] };
  }
  if (excess !== null && excess <= th.pseudonormalPfrExcess) {
    const collapse: string[] = [];
    if (m.responsiveness.value !== null && m.responsiveness.value < th.pseudonormalResponsiveness) collapse.push(`responsiveness is ${f(m.responsiveness.value)} (< ${th.pseudonormalResponsiveness}): it ignores a changed decisive fact`);
    if (m.extractionRetention.value !== null && m.extractionRetention.value < th.pseudonormalRetention) collapse.push(`extractionRetention is ${f(m.extractionRetention.value)} (< ${th.pseudonormalRetention}): it stops finding the key facts under stress`);
    const invC = m.invalidRate.value;
    const invS = m.invalidRateStressed.value;
    if (invC !== null && invS !== null && invS > th.invalidMultiple * invC + th.invalidMargin) collapse.push(`stressed invalid rate ${f(invS)} exceeds ${th.invalidMultiple} × clean (${f(invC)}) + ${th.invalidMargin}`);
    const hS = m.answerEntropyStressed.value;
    const hG = m.goldEntropyStressed.value;
    if (hS !== null && hG !== null && hS < th.entropyCollapse && hG >= th.entropyGoldFloor) collapse.push(`answer entropy under stress is ${f(hS)} (< ${th.entropyCollapse}) while the gold letters' is ${f(hG)}: it collapses onto one letter`);
    if (collapse.length) {
      return { label: 'pseudonormal', flags, evidence: [`pseudonormal: pfrExcess is only ${f(excess)} (≤ ${th.pseudonormalPfrExcess}), so it looks stable, but ${collapse.join('; ')}.`, ...evidence] };
    }
  }
  if (mi !== null && mi < th.decompensatedMi) {
    return { label: 'decompensated', flags, evidence: [`decompensated: MI is ${f(mi)} (< ${th.decompensatedMi}), worst under ${m.miWorst.probe ?? 'n/a'} (MI ${f(m.miWorst.value)}).`, ...evidence] };
  }
  const cfi = m.cfi.value;
  const cfis = m.cfiStressed.value;
  if (mi !== null && mi >= th.resilientMi && excess !== null && excess <= th.resilientPfrExcess && (cfi ?? 1) >= th.resilientCfi && (cfis ?? 1) >= th.resilientCfi) {
    return { label: 'resilient', flags, evidence: [`resilient: MI ${f(mi)} (≥ ${th.resilientMi}), pfrExcess ${f(excess)} (≤ ${th.resilientPfrExcess}), CFI ${f(cfi)} and cfiStressed ${f(cfis)} (≥ ${th.resilientCfi}).`, ...evidence] };
  }
  if (biasedAttrs.length) return { label: 'biased', flags, evidence };
  return {
    label: 'compensated',
    flags,
    evidence: [`compensated: no rule for another label applies (MI ${f(mi)}, pfrExcess ${f(excess)}, CFI ${f(cfi)}, cfiStressed ${f(cfis)}): some strain under stress, function largely held.`, ...evidence],
  };
}
