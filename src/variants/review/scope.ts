import { inputError } from '../../errors.js';
import { doseCondition } from '../../probes/dose.js';
import type { VariantSetHeader } from '../../audit/variant-set-file.js';
import { isCounterfactualClean, isReference } from '../check/scope.js';
import { conditionGroup, variantId, type Variant } from '../types.js';

/**
 * What a clinician reviews: every probe variant (with or without a
 * counterfactual under it) and every counterfactual's clean text. The plain
 * clean text is the reference, a retest repeats it word for word, and a
 * critical variant changes the decisive fact on purpose: none is reviewed.
 */
export const isReviewable = (v: Variant): boolean => !isReference(v) || isCounterfactualClean(v);

/** The review group a variant is counted in: its probe, or `clean` for a counterfactual's clean text (as the checker counts them). */
export const reviewGroup = (v: Variant): string => conditionGroup(v.condition);

/**
 * The text a variant is judged against: the case's clean text for a counterfactual's clean text, else the clean text of its own counterfactual (or the
 * case's).
 */
export const reviewBaseId = (v: Variant): string => variantId(v.caseId, 'clean', isCounterfactualClean(v) ? null : v.counterfactual);

/** How a group is named on the page and in messages. */
export const groupLabel = (group: string): string => (group === 'clean' ? 'counterfactual text' : group);

/** Review groups in design order (the set's probes at each dose, then the counterfactual texts), keeping only those present. */
export function reviewGroupsOf(header: Pick<VariantSetHeader, 'design'>, variants: readonly Variant[]): string[] {
  const present = new Set(variants.filter(isReviewable).map(reviewGroup));
  // Each probe's doses beside it (graded stress: `anchoring@2` is its own group).
  const probes = header.design.probes.flatMap((p) => (p.doses ?? [1]).map((d) => doseCondition(p.name, d)));
  const ordered = [...probes, 'clean'].filter((g) => present.has(g));
  return [...ordered, ...[...present].filter((g) => !ordered.includes(g)).sort()];
}

/**
 * A set holds one review. A second review of a reviewed set would either
 * double-count (its coverage is of a set already thinned by the first) or
 * overwrite the first reviewer's record, so both commands refuse it.
 */
export function refuseReviewedSet(header: Pick<VariantSetHeader, 'review'>, file: string): void {
  const r = header.review;
  if (!r) return;
  throw inputError(
    'E_VARIANT_SET',
    `this set already carries a review (by ${r.reviewer}, ${r.reviewedAt}; made on the set with ` +
      `sha256 ${r.sourceSha256.slice(0, 12)}…). A set holds one review: build the review page from that source set ` +
      'and apply a single review.json to it',
    { file, field: 'review' },
  );
}
