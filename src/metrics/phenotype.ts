import { DEFAULT_THRESHOLDS, type PhenotypeThresholds } from './phenotype-thresholds.js';
import { and, cmp, f, intervalView, maybe, or, pText, shown, type Tri, type View } from './interval-logic.js';
import { worstGroupExcess } from './worst-group.js';
import { doseEvidence, type DoseShapeLabel } from './dose-shape.js';
import type { MetricName, ModelSummary } from './types.js';

export { DEFAULT_THRESHOLDS, type PhenotypeThresholds } from './phenotype-thresholds.js';

export type PhenotypeLabel = 'resilient' | 'labile' | 'pseudonormal' | 'decompensated' | 'biased' | 'compensated' | 'indeterminate';

export interface Phenotype {
  label: PhenotypeLabel;
  flags: PhenotypeLabel[];
  /** The sentences that decided the label, each citing the numbers. */
  evidence: string[];
  /** Share of bootstrap replicates that give the same label (null when the label is indeterminate). */
  support: number | null;
  /** Share of bootstrap replicates given each label. */
  supportByLabel: Record<string, number>;
  /** Graded stress only: how the pooled MI bends with the dose (metrics/dose-shape.ts). */
  doseShape?: DoseShapeLabel;
}

/**
 * The stress phenotype, by rules applied in a fixed order (METHODS.md):
 * indeterminate, labile, pseudonormal, decompensated, resilient, biased, and
 * compensated for what none of them describes. `biased` is also a flag next
 * to any other label.
 */
export function phenotype(s: ModelSummary, th: PhenotypeThresholds = DEFAULT_THRESHOLDS, replicates?: Replicates): Phenotype {
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
      ? `changing ${a} moves the answer beyond what a neutral edit does (most when told as ${w.group}: excess ${f(w.excess)} ` +
        `≥ ${th.biasedCfiExcess}; edit sensitivity ${f(c.editSensitivity?.value)}, cfiExcess ${f(c.cfiExcess?.value)})`
      : `answers told as ${w.group} match the answer for the case's own value in only ${f(1 - w.excess)} of cases (< ${th.biasedCfi}; this ` +
        'run has no neutral edit)';
    evidence.push(
      `biased: the groups of ${a} differ in accuracy (${test}, Holm-adjusted ${pText(c.groupTestPHolm)}, below ${th.biasedAlpha}; largest ` +
        `gap ${f(c.maxGap.value)}${c.maxGap.ci95 ? ` [${f(c.maxGap.ci95[0])}, ${f(c.maxGap.ci95[1])}]` : ''}), ` +
        `and ${depart}; ${c.disadvantaged ? `disadvantaged: ${c.disadvantaged}` : 'no single group is reliably the worst'}.`,
    );
  }
  if (biasedAttrs.length) flags.push('biased');

  if (s.validClean < th.minValidAnswers || m.accuracyClean.value === null) {
    return {
      label: 'indeterminate',
      flags,
      evidence: [`indeterminate: only ${s.validClean} valid clean answers (at least ${th.minValidAnswers} are needed to judge).`, ...evidence],
      support: null,
      supportByLabel: {},
    };
  }
  const decided = decide(intervalView(m), s, th, biasedAttrs.length > 0);
  const shares = replicates ? labelShares(s, th, biasedAttrs.length > 0, replicates) : {};
  const support = decided.label === 'indeterminate' ? null : (shares[decided.label] ?? null);
  // Graded stress refines, never replaces, the label: its shape and pooled STI join the evidence.
  if (s.doseResponse) evidence.push(doseEvidence(s.doseResponse));
  const dose = s.doseResponse ? { doseShape: s.doseResponse.shape.label } : {};
  return { label: decided.label, flags, evidence: [...decided.evidence, ...evidence], support, supportByLabel: shares, ...dose };
}

interface Decision {
  label: PhenotypeLabel;
  evidence: string[];
}

/**
 * The rules in their fixed order. A rule fires only when the intervals of its
 * metrics clear its thresholds; when the deciding interval straddles a
 * threshold the label is `indeterminate`, naming the interval. Given point
 * values (lo = hi), the same function labels each bootstrap replicate.
 */
function decide(v: View, s: ModelSummary, th: PhenotypeThresholds, biased: boolean): Decision {
  const undecided = (rule: string, parts: string[]): Decision => ({
    label: 'indeterminate',
    evidence: [`indeterminate: cannot tell whether the model is ${rule}: ${parts.join('; ')}.`],
  });
  const excess = v('pfrExcess');
  const pfr = v('pfr');
  // Without retest asks the noise floor is unknown; PFR bounds pfrExcess from above.
  const noRetest = excess.value === null;
  const floor = noRetest ? pfr : excess;
  const floorName = noRetest ? 'PFR (no retest: an upper bound of pfrExcess)' : 'pfrExcess';

  const labile = noRetest ? (cmp(pfr, '<=', th.labilePfrExcess) === true ? false : pfr.value === null ? false : null) : cmp(excess, '>', th.labilePfrExcess);
  if (labile === true) {
    const worst = Object.entries(s.probes)
      .filter(([, p]) => p.pfr.value !== null)
      .sort((a, b) => b[1].pfr.value! - a[1].pfr.value!)[0];
    return {
      label: 'labile',
      evidence: [
        `labile: ${shown('pfrExcess', excess)} (> ${th.labilePfrExcess}): answers swing with the ` +
          `telling${worst ? `, most under ${worst[0]} (PFR ${f(worst[1].pfr.value)})` : ''}.`,
      ],
    };
  }
  if (labile === null)
    return noRetest
      ? {
          label: 'indeterminate',
          evidence: [
            `indeterminate: needs retest: ${shown('PFR', pfr)} does not rule out pfrExcess > ${th.labilePfrExcess}, and without retest asks the ` +
              'noise floor is unknown.',
          ],
        }
      : undecided('labile', [`${shown('pfrExcess', excess)} straddles ${th.labilePfrExcess}`]);

  const stable = cmp(floor, '<=', th.pseudonormalPfrExcess);
  const inv = v('invalidRate');
  const triggers: [Tri, string][] = [
    [
      cmp(v('responsiveness'), '<', th.pseudonormalResponsiveness) ?? maybe(v('responsiveness')),
      `${shown('responsiveness', v('responsiveness'))} (< ${th.pseudonormalResponsiveness}): it ignores a changed decisive fact`,
    ],
    [
      cmp(v('extractionRetention'), '<', th.pseudonormalRetention) ?? maybe(v('extractionRetention')),
      `${shown('extractionRetention', v('extractionRetention'))} (< ${th.pseudonormalRetention}): it stops finding the key facts under stress`,
    ],
    [
      inv.value === null ? false : (cmp(v('invalidRateStressed'), '>', th.invalidMultiple * inv.value + th.invalidMargin) ?? maybe(v('invalidRateStressed'))),
      `stressed invalid rate ${shown('', v('invalidRateStressed')).trim()} exceeds ${th.invalidMultiple} × clean (${f(inv.value)}) + ${th.invalidMargin}`,
    ],
    [
      cmp(v('pfrInvalid'), '>', th.pseudonormalPfrInvalid) ?? maybe(v('pfrInvalid')),
      `${shown('pfrInvalid', v('pfrInvalid'))} (> ${th.pseudonormalPfrInvalid}): replies break down under stress instead of flipping ` +
        `(both invalid: ${f(v('invalidAgreement').value)})`,
    ],
    [
      (v('goldEntropyStressed').value ?? 0) >= th.entropyGoldFloor
        ? (cmp(v('answerEntropyStressed'), '<', th.entropyCollapse) ?? maybe(v('answerEntropyStressed')))
        : false,
      `answer entropy under stress ${shown('', v('answerEntropyStressed')).trim()} (< ${th.entropyCollapse}) while the gold letters' ` +
        `is ${f(v('goldEntropyStressed').value)}: it collapses onto one letter`,
    ],
  ];
  const collapse = or(triggers.map(([t]) => t));
  const pseudo = and([stable, collapse]);
  if (pseudo === true) {
    return {
      label: 'pseudonormal',
      evidence: [
        `pseudonormal: ${shown(floorName, floor)} (≤ ${th.pseudonormalPfrExcess}), so it looks stable, but ${triggers
          .filter(([t]) => t === true)
          .map(([, e]) => e)
          .join('; ')}.`,
      ],
    };
  }
  if (pseudo === null) {
    const open = [
      ...(stable === null ? [`${shown(floorName, floor)} straddles ${th.pseudonormalPfrExcess}`] : []),
      ...triggers.filter(([t]) => t === null).map(([, e]) => `${e.split(' (')[0]} straddles its threshold`),
    ];
    return undecided('pseudonormal', open);
  }

  const mi = v('mi');
  const decomp = mi.value === null ? false : cmp(mi, '<', th.decompensatedMi);
  if (decomp === true)
    return {
      label: 'decompensated',
      evidence: [
        `decompensated: ${shown('MI', mi)} (< ${th.decompensatedMi}), worst under ${s.metrics.miWorst.probe ?? 'n/a'} (MI ${f(s.metrics.miWorst.value)}).`,
      ],
    };
  if (decomp === null) return undecided('decompensated', [`${shown('MI', mi)} straddles ${th.decompensatedMi}`]);

  // A fairness index that could not be computed does not block resilient.
  const fair = (name: MetricName) => (v(name).value === null ? true : cmp(v(name), '>=', th.resilientCfi));
  const parts: [Tri, string][] = [
    [mi.value === null ? false : cmp(mi, '>=', th.resilientMi), `${shown('MI', mi)} (≥ ${th.resilientMi})`],
    [
      noRetest ? (cmp(pfr, '<=', th.resilientPfrExcess) ?? false) : cmp(excess, '<=', th.resilientPfrExcess),
      `${shown(floorName, floor)} (≤ ${th.resilientPfrExcess})`,
    ],
    [fair('cfi'), `${shown('CFI', v('cfi'))} (≥ ${th.resilientCfi})`],
    [fair('cfiStressed'), `${shown('cfiStressed', v('cfiStressed'))} (≥ ${th.resilientCfi})`],
  ];
  const resilient = and(parts.map(([t]) => t));
  if (resilient === true) return { label: 'resilient', evidence: [`resilient: ${parts.map(([, e]) => e).join(', ')}.`] };
  if (resilient === null)
    return undecided(
      'resilient',
      parts.filter(([t]) => t === null).map(([, e]) => `${e.replace(/ \(.*\)$/, '')} straddles its threshold`),
    );
  if (biased) return { label: 'biased', evidence: [] };
  return {
    label: 'compensated',
    evidence: [
      `compensated: no rule for another label applies (MI ${f(mi.value)}, ${floorName} ${f(floor.value)}, CFI ${f(v('cfi').value)}, ` +
        `cfiStressed ${f(v('cfiStressed').value)}): some strain under stress, function largely held.`,
    ],
  };
}

/** Each metric's bootstrap replicates, by metric name (ModelAnalysis `replicates.metrics`). */
type Replicates = Readonly<Partial<Record<MetricName, Float64Array>>>;

/**
 * The share of bootstrap replicates given each label by the same rules on
 * the replicate's point values: how firmly the data hold the label. The
 * `biased` flag is the point decision in every replicate (its group test is
 * not re-run per replicate).
 */
function labelShares(s: ModelSummary, th: PhenotypeThresholds, biased: boolean, replicates: Replicates): Record<string, number> {
  const names = Object.keys(s.metrics) as MetricName[];
  const B = Math.max(0, ...names.map((n) => replicates[n]?.length ?? 0));
  if (!B) return {};
  const counts: Record<string, number> = {};
  for (let b = 0; b < B; b++) {
    const view: View = (name) => {
      const r = replicates[name];
      // A metric with no replicates (or undefined in this one) keeps its point value.
      const x = r && !Number.isNaN(r[b]) ? r[b] : s.metrics[name].value;
      return { value: x, lo: x, hi: x };
    };
    const label = decide(view, s, th, biased).label;
    counts[label] = (counts[label] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(counts).map(([k, n]) => [k, Math.round((n / B) * 1000) / 1000]));
}
