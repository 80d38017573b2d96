import { applyReview, type AppliedReview } from '../variants/review/apply.js';
import { checkReviewAgainstSet, type ReviewFile, readReviewFile } from '../variants/review/review-file.js';
import { refuseReviewedSet } from '../variants/review/scope.js';
import { type ReadSet, readVariantSetFile, type VariantSetHeader, writeVariantSetFile } from './variant-set-file.js';

export interface ReviewedSetFile {
  /** The set the review was made on. */
  set: ReadSet;
  review: ReviewFile;
  applied: AppliedReview;
  /** The new set's header, as written. */
  header: VariantSetHeader;
  bytes: number;
}

/**
 * `masld variants apply-review`: reads a set and a review.json, checks the one
 * against the other, and writes the set without its rejected variants and
 * with the review in its header. A set that already carries a review is refused.
 */
export function applyReviewFile(setPath: string, reviewPath: string, out: string): ReviewedSetFile {
  const set = readVariantSetFile(setPath);
  refuseReviewedSet(set.header, setPath);
  const { review, sha256 } = readReviewFile(reviewPath);
  checkReviewAgainstSet(review, set, reviewPath);
  const applied = applyReview(set, review, sha256);
  // Every header field is kept but what the writer stamps (format, tool, count, hash) and what the review changes.
  const { masldVariantSet: _format, tool: _tool, count: _count, sha256: _sha256, ...kept } = set.header;
  const { header, bytes } = writeVariantSetFile(
    out,
    { ...kept, exclusions: applied.exclusions, probeExclusions: applied.probeExclusions, review: applied.review },
    applied.variants,
  );
  return { set, review, applied, header, bytes };
}
