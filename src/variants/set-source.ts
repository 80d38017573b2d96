import type { RetellSummary } from './retell/types.js';

/** The review applied to a variant set (`masld variants apply-review`), as the set's header records it. */
export interface SetReview {
  reviewer: string;
  reviewedAt: string;
  /** sha256 of the review.json applied. */
  reviewSha256: string;
  /** The hash of the set the review was made on. */
  sourceSha256: string;
  /** Per probe, and `clean` for the counterfactual texts: reviewable variants in the set the review was made on, how many were read, accepted and rejected. */
  byProbe: Record<string, { variants: number; reviewed: number; accepted: number; rejected: number }>;
  /** Rejections by reason. */
  reasons: Record<string, number>;
}

/** The variants' identity as recorded with a run: the hash two runs share when they sent the same prompts. */
export interface VariantSource {
  /** sha256 over the variant lines as a set file holds them (`masld variants --out`). */
  sha256: string;
  /** The set file the variants were read from, or null when they were built at run time. */
  file: string | null;
  /** The review applied to that set, or null. */
  review: SetReview | null;
  /** Per probe retold by a rewriter model: what the retelling did and cost; null when no probe was retold. */
  retell: RetellRecord[] | null;
}

/** A probe's retelling as recorded with the set and the run (the calls this run made are not part of it). */
export type RetellRecord = Omit<RetellSummary, 'newCalls'>;
