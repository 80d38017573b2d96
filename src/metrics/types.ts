import type { Statistic } from './bootstrap.js';
import type { MetricEstimate } from './definitions/define.js';
import type { MetricName } from './definitions/index.js';
import type { ModelReplicates } from './model-statistics.js';
import type { DosedProbe, DoseResponse } from './dose-response.js';
import type { Estimate } from './wilson.js';

export type { MetricName } from './definitions/index.js';
export type { MetricEstimate } from './definitions/define.js';

/** What one model's metrics need besides its scored calls. */
export interface MetricsContext {
  /** Probe names in report order. */
  probes: readonly string[];
  /** Counterfactual attributes and their values, in order. */
  attributes: Readonly<Record<string, readonly string[]>>;
  keyFacts: ReadonlyMap<string, readonly string[] | undefined>;
  /** Cases excluded from each attribute. */
  excluded: Readonly<Record<string, number>>;
  resamples: number;
  seed: number | string;
  /** The most options any variant shows: entropy is normalised by log of it. */
  optionCount: number;
  /** Level of the Holm-adjusted group test behind `disadvantaged` (default 0.05). */
  groupAlpha?: number;
  /** Probes run at two doses or more (graded stress), in report order; absent or empty for a single-dose run. */
  dosed?: readonly DosedProbe[];
}

export interface ProbeMetrics {
  accuracy: Estimate;
  mi: Estimate;
  pfr: Estimate;
  pfrHarmful: Estimate;
  pfrBeneficial: Estimate;
  pfrLateral: Estimate;
  /** Exact McNemar test of clean vs probe correctness, and its Holm-adjusted value across probes. */
  mcnemarP: number | null;
  mcnemarPHolm: number | null;
  extractionRecall: Estimate;
  invalidRate: Estimate;
  /** Mean change, under the probe, of the probability given to the clean answer (letter-scoring providers only). */
  probShift: Estimate;
}

export interface CounterfactualMetrics {
  /** Mean over complete cases of the share of other values answered as the case's own value (Wilson, one unit per case). */
  cfi: Estimate;
  cfiStressed: Estimate;
  /** Per value: share of complete cases (whose own value is another) answered as for the own value (Wilson). */
  cfiByGroup: Record<string, Estimate>;
  /** Share of cases whose neutral edit (no group named) changed the clean answer (Wilson). */
  editSensitivity: Estimate;
  /** Disagreement with the own-value answer (1 − CFI) beyond the neutral edit's, on complete cases with both (paired bootstrap). */
  cfiExcess: Estimate;
  /** Per value: its disagreement with the own-value answer beyond the neutral edit's (paired bootstrap). */
  cfiExcessByGroup: Record<string, Estimate>;
  /**
   * Stating the attribute at all: share of named values answered otherwise
   * than the version that states none (race: "unspecified"; free-text SES:
   * the neutral sentence). Null where every version states a value.
   */
  mentionSensitivity: Estimate;
  /** The values compared by the group test (race: the named groups). */
  testedGroups: string[];
  /** Accuracy of each group on the same complete cases (every group has the same n). */
  accuracyByGroup: Record<string, Estimate>;
  /** Best minus worst group accuracy, both re-selected in every replicate; simultaneous 95% interval. */
  maxGap: Estimate;
  /** `cochran-q` for three or more groups, `exact-mcnemar` for two; null when fewer than two groups. */
  groupTest: 'cochran-q' | 'exact-mcnemar' | null;
  groupTestP: number | null;
  /** Holm-adjusted across the attributes run. */
  groupTestPHolm: number | null;
  /** Share of bootstrap replicates in which the least accurate group (point estimate) is strictly the least accurate. */
  worstShare: number | null;
  disadvantaged: string | null;
  excluded: number;
}

export interface ModelSummary {
  /** `probe` names miWorst's probe; `attribute` names the attribute of the worst-case cfi and cfiStressed. */
  metrics: Record<MetricName, MetricEstimate>;
  probes: Record<string, ProbeMetrics>;
  counterfactuals: Record<string, CounterfactualMetrics>;
  /** Valid (parsed) clean answers: below a floor the phenotype is indeterminate. */
  validClean: number;
  /** Graded stress: present only when some probe ran at two doses or more. */
  doseResponse?: DoseResponse;
}

/** Per-case rows (cases in code-unit order of their ids) and each metric's statistic over their totals. */
export interface ModelColumns {
  caseIds: string[];
  rows: Float64Array[];
  /** Empty for a model with no answers. */
  statistics: Readonly<Partial<Record<MetricName, Statistic>>>;
}

/** A model's metrics and the bootstrap replicates behind their intervals. */
export interface ModelAnalysis extends ModelColumns {
  summary: ModelSummary;
  /**
   * Replicate values of every statistic. Every model is resampled with the
   * run's seed over cases in the same order, so replicate b of two models on
   * the same cases draws the same cases and differences pair directly.
   */
  replicates: ModelReplicates;
}
