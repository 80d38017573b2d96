import type { ReadSet } from '../../audit/variant-set-file.js';
import type { Exclusion, ProbeExclusion } from '../build.js';
import { isCounterfactualClean } from '../check/scope.js';
import type { SetReview } from '../set-source.js';
import type { Variant } from '../types.js';
import type { ReviewDecision, ReviewFile } from './review-file.js';
import { isReviewable, reviewGroup, reviewGroupsOf } from './scope.js';

export interface AppliedReview {
  /** The variants kept, in set order. */
  variants: Variant[];
  exclusions: Exclusion[];
  probeExclusions: ProbeExclusion[];
  review: SetReview;
  /** Counterfactual attributes a rejected counterfactual text took cases out of (added to `exclusions`). */
  droppedAttributes: number;
  /** Variants of those attributes left out with them (their counterfactual texts and double-stress variants). */
  droppedWithAttributes: number;
}

const detailOf = (d: ReviewDecision) => `${d.reason}${d.note?.trim() ? `: ${d.note.trim()}` : ''}`;

/**
 * Applies a checked review (checkReviewAgainstSet) to its set. A rejected
 * probe variant is left out and listed in probeExclusions (reason `rejected`,
 * the reviewer's reason as detail). A rejected counterfactual text takes its
 * case out of that attribute, with the attribute's double-stress variants,
 * as the checker does with a defective one: a group comparison needs every
 * group. Coverage counts are over the reviewable variants of the set the
 * review was made on.
 */
export function applyReview(set: ReadSet, file: ReviewFile, reviewSha256: string): AppliedReview {
  const byId = new Map(set.variants.map((v) => [v.id, v]));
  const decisions = new Map(file.decisions.map((d) => [d.variantId, d]));
  const byProbe: SetReview['byProbe'] = {};
  for (const g of reviewGroupsOf(set.header, set.variants)) byProbe[g] = { variants: 0, reviewed: 0, accepted: 0, rejected: 0 };
  for (const v of set.variants) if (isReviewable(v)) byProbe[reviewGroup(v)].variants++;
  const reasons: Record<string, number> = {};
  for (const d of file.decisions) {
    const row = byProbe[reviewGroup(byId.get(d.variantId)!)];
    row.reviewed++;
    if (d.verdict === 'accept') row.accepted++;
    else {
      row.rejected++;
      reasons[d.reason!] = (reasons[d.reason!] ?? 0) + 1;
    }
  }

  // A rejected counterfactual text drops the case from that attribute.
  const key = (v: Variant) => `${v.caseId}|${v.counterfactual!.attribute}`;
  const dropped = new Map<string, { caseId: string; attribute: Exclusion['attribute']; details: string[] }>();
  for (const d of file.decisions) {
    const v = byId.get(d.variantId)!;
    if (d.verdict !== 'reject' || !isCounterfactualClean(v)) continue;
    const entry = dropped.get(key(v)) ?? { caseId: v.caseId, attribute: v.counterfactual!.attribute as Exclusion['attribute'], details: [] };
    entry.details.push(`${v.id}: ${detailOf(d)}`);
    dropped.set(key(v), entry);
  }
  const exclusions: Exclusion[] = [
    ...set.header.exclusions,
    ...[...dropped.values()].map((e) => ({ caseId: e.caseId, attribute: e.attribute, reason: 'rejected' as const, detail: e.details.join('; ') })),
  ];
  const probeExclusions: ProbeExclusion[] = [...set.header.probeExclusions];
  const variants: Variant[] = [];
  let droppedWithAttributes = 0;
  for (const v of set.variants) {
    if (v.counterfactual && dropped.has(key(v))) {
      droppedWithAttributes++;
      continue;
    }
    const d = decisions.get(v.id);
    if (d?.verdict === 'reject') {
      probeExclusions.push({ caseId: v.caseId, probe: reviewGroup(v), counterfactual: v.counterfactual, reason: 'rejected', detail: detailOf(d) });
      continue;
    }
    variants.push(v);
  }
  const review: SetReview = { reviewer: file.reviewer, reviewedAt: file.reviewedAt, reviewSha256, sourceSha256: set.header.sha256, byProbe, reasons };
  return { variants, exclusions, probeExclusions, review, droppedAttributes: dropped.size, droppedWithAttributes };
}
