import accuracyClean from './accuracy-clean.js';
import accuracyStressed from './accuracy-stressed.js';
import answerEntropyClean from './answer-entropy-clean.js';
import answerEntropyStressed from './answer-entropy-stressed.js';
import cfi from './cfi.js';
import cfiMean from './cfi-mean.js';
import cfiStressed from './cfi-stressed.js';
import cfiStressedMean from './cfi-stressed-mean.js';
import extractionRecall from './extraction-recall.js';
import extractionRecallStressed from './extraction-recall-stressed.js';
import extractionRetention from './extraction-retention.js';
import fairnessErosion from './fairness-erosion.js';
import goldEntropyStressed from './gold-entropy-stressed.js';
import invalidAgreement from './invalid-agreement.js';
import invalidRate from './invalid-rate.js';
import invalidRateStressed from './invalid-rate-stressed.js';
import mi from './mi.js';
import miChance from './mi-chance.js';
import miWorst from './mi-worst.js';
import pfr from './pfr.js';
import pfrBeneficial from './pfr-beneficial.js';
import pfrExcess from './pfr-excess.js';
import pfrHarmful from './pfr-harmful.js';
import pfrInvalid from './pfr-invalid.js';
import pfrLateral from './pfr-lateral.js';
import probShift from './prob-shift.js';
import pRightGivenWrong from './p-right-given-wrong.js';
import pWrongGivenRight from './p-wrong-given-right.js';
import responsiveness from './responsiveness.js';
import retestFlipRate from './retest-flip-rate.js';

/**
 * Every headline metric, in results.json order. Adding a metric is one file
 * in this folder and one line here: results, reports, `--fail-on` and (with
 * `compared: true`) comparisons pick it up from this list.
 */
export const METRICS = [
  accuracyClean,
  accuracyStressed,
  mi,
  miChance,
  miWorst,
  pfr,
  pfrHarmful,
  pfrBeneficial,
  pfrLateral,
  pWrongGivenRight,
  pRightGivenWrong,
  pfrInvalid,
  invalidAgreement,
  retestFlipRate,
  pfrExcess,
  cfi,
  cfiMean,
  cfiStressed,
  cfiStressedMean,
  fairnessErosion,
  responsiveness,
  extractionRecall,
  extractionRecallStressed,
  extractionRetention,
  invalidRate,
  invalidRateStressed,
  answerEntropyClean,
  answerEntropyStressed,
  goldEntropyStressed,
  probShift,
] as const;

/** A headline metric's key in results.json, in `--fail-on` gates and in comparisons. */
export type MetricName = (typeof METRICS)[number]['name'];
type Metric = (typeof METRICS)[number];

export const METRIC_NAMES: readonly MetricName[] = METRICS.map((m) => m.name);
/** What `--fail-on` accepts: every metric but those whose definition says why not. */
export const GATEABLE_METRICS: readonly MetricName[] = METRICS.filter((m) => m.gateable).map((m) => m.name);
/** Compared between models on their common cases, one family of comparisons. */
export const COMPARED_METRICS: readonly MetricName[] = METRICS.filter((m) => m.compared).map((m) => m.name);

const BY_NAME: ReadonlyMap<string, Metric> = new Map(METRICS.map((m) => [m.name, m]));

/** A metric's definition by name (undefined for a name no definition has). */
export function metricDefinition(name: string): Metric | undefined {
  return BY_NAME.get(name);
}
