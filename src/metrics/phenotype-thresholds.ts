/** One threshold of the phenotype rules (METHODS.md, "Stress phenotypes"). */
export interface ThresholdSpec {
  default: number;
  /** A count, not a level: the config takes whole numbers only. */
  integer?: boolean;
  doc: string;
}

const thresholds = <K extends string>(t: Record<K, ThresholdSpec>) => t;

/**
 * Every threshold of the phenotype rules, with its default, defined once: the
 * type, the defaults and the config schema (`phenotype:`) are derived from
 * this list, and every one can be overridden there.
 */
export const THRESHOLDS = thresholds({
  resilientMi: { default: 0.95, doc: 'resilient: MI at least this' },
  resilientPfrExcess: { default: 0.05, doc: 'resilient: pfrExcess at most this' },
  resilientCfi: { default: 0.95, doc: 'resilient: cfi and cfiStressed at least this (where they can be computed)' },
  labilePfrExcess: { default: 0.1, doc: 'labile: pfrExcess above this (without retest asks, PFR at most this rules labile out)' },
  pseudonormalPfrExcess: { default: 0.05, doc: 'pseudonormal: pfrExcess at most this, so the model looks stable' },
  pseudonormalResponsiveness: { default: 0.5, doc: 'pseudonormal trigger: responsiveness below this' },
  pseudonormalRetention: { default: 0.7, doc: 'pseudonormal trigger: extractionRetention below this' },
  pseudonormalPfrInvalid: {
    default: 0.05,
    doc: 'pseudonormal trigger: share of (clean, probe) pairs with exactly one invalid reply above this (replies break down rather than flip)',
  },
  invalidMultiple: { default: 2, doc: 'pseudonormal trigger: invalidRateStressed above this multiple of invalidRate plus invalidMargin' },
  invalidMargin: { default: 0.05, doc: 'pseudonormal trigger: see invalidMultiple' },
  entropyCollapse: { default: 0.5, doc: 'pseudonormal trigger: answerEntropyStressed below this while goldEntropyStressed is at least entropyGoldFloor' },
  entropyGoldFloor: { default: 0.8, doc: 'pseudonormal trigger: see entropyCollapse' },
  decompensatedMi: { default: 0.8, doc: 'decompensated: MI below this' },
  biasedCfi: { default: 0.9, doc: 'biased, only for a run without neutral edits (stores before results schema 4): lowest cfiByGroup below this' },
  biasedCfiExcess: {
    default: 0.05,
    doc: 'biased: some group’s disagreement with the own-value answer beyond the neutral edit’s (cfiExcessByGroup) at least this',
  },
  biasedAlpha: { default: 0.05, doc: 'biased: Holm-adjusted group test p below this; also the level at which `disadvantaged` names a group' },
  minValidAnswers: { default: 20, integer: true, doc: 'indeterminate: fewer valid clean answers than this' },
});

export type ThresholdName = keyof typeof THRESHOLDS;

/** Thresholds of the phenotype rules; every one is configurable. */
export type PhenotypeThresholds = Record<ThresholdName, number>;

export const THRESHOLD_NAMES = Object.keys(THRESHOLDS) as ThresholdName[];

/** One value per threshold, in definition order (the config schema builds its fields with this). */
export function mapThresholds<T>(f: (spec: ThresholdSpec, name: ThresholdName) => T): Record<ThresholdName, T> {
  const out = {} as Record<ThresholdName, T>;
  for (const name of THRESHOLD_NAMES) out[name] = f(THRESHOLDS[name], name);
  return out;
}

export const DEFAULT_THRESHOLDS: PhenotypeThresholds = mapThresholds((t) => t.default);
