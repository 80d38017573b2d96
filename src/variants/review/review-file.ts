import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { inputError, type MasldError } from '../../errors.js';
import type { ReadSet } from '../../audit/variant-set-file.js';
import { sha256 } from '../../util/hash.js';
import { readUserTextFile } from '../../util/text-file.js';
import { isReviewable } from './scope.js';

/** Format of review.json; raised when a field's meaning changes. */
const REVIEW_FORMAT = 1;

/** Why a clinician may reject a variant. */
export const REJECT_REASONS = ['fact_changed', 'fact_added', 'unnatural', 'wrong_speaker', 'other'] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

export const REASON_LABELS: Readonly<Record<RejectReason, string>> = {
  fact_changed: 'fact changed',
  fact_added: 'fact added',
  unnatural: 'unnatural',
  wrong_speaker: 'wrong speaker',
  other: 'other',
};

/** Free-text notes are capped so a pasted document cannot bloat the set's header. */
const MAX_NOTE_CHARS = 2000;

const decisionSchema = z
  .strictObject({
    variantId: z.string().min(1),
    verdict: z.enum(['accept', 'reject']),
    reason: z.enum(REJECT_REASONS).optional(),
    note: z.string().max(MAX_NOTE_CHARS).optional(),
  })
  .superRefine((d, ctx) => {
    if (d.verdict === 'reject' && !d.reason)
      ctx.addIssue({ code: 'custom', path: ['reason'], message: `a rejection needs a reason: one of ${REJECT_REASONS.join(', ')}` });
    if (d.verdict === 'accept' && d.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'an accepted variant takes no reason (only a note)' });
  });

const reviewSchema = z.strictObject({
  masldReview: z.literal(REVIEW_FORMAT),
  setSha256: z.string().regex(/^[0-9a-f]{64}$/, "expected the set's sha256 (64 lowercase hex digits)"),
  reviewer: z.string().trim().min(1, 'name the reviewer'),
  reviewedAt: z.iso.datetime({ offset: true, message: 'expected an ISO 8601 date and time, e.g. 2026-12-01T09:30:00.000Z' }),
  offered: z.array(z.string().min(1)),
  decisions: z.array(decisionSchema),
});

/** review.json as the review page exports it. */
export type ReviewFile = z.infer<typeof reviewSchema>;
export type ReviewDecision = ReviewFile['decisions'][number];

/** `decisions.3.reason` → `decisions[3].reason`. */
const fieldPath = (path: readonly PropertyKey[]) => path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('');

const fail = (file: string, message: string, field?: string): MasldError => inputError('E_INPUT', message, { file, field });

/** Reads and validates review.json (shape only); the hash is over the file's bytes as applied. */
export function readReviewFile(path: string): { review: ReviewFile; sha256: string } {
  const text = readUserTextFile(path, 'review file');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw fail(path, `not JSON (${(err as Error).message}); pass the review.json the review page exported`);
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw) || !('masldReview' in raw))
    throw fail(path, 'not a review file (no "masldReview"); pass the review.json the review page exported');
  const format = (raw as { masldReview: unknown }).masldReview;
  if (typeof format === 'number' && format > REVIEW_FORMAT)
    throw fail(path, `review format ${format} is newer than this version of masld reads (${REVIEW_FORMAT}); upgrade masld`, 'masldReview');
  const parsed = reviewSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    if (issue.code === 'unrecognized_keys') {
      const where = issue.path.length
        ? 'a decision holds variantId, verdict, reason and note'
        : 'review.json holds masldReview, setSha256, reviewer, reviewedAt, offered and decisions';
      throw fail(path, `unknown field (${where})`, fieldPath([...issue.path, issue.keys[0]]));
    }
    throw fail(path, issue.message, fieldPath(issue.path) || undefined);
  }
  return { review: parsed.data, sha256: sha256(readFileSync(path)) };
}

/**
 * Checks a review against the set it is applied to: made on this set (same
 * sha256), every offered and decided variant in the set and reviewable, no
 * variant twice, every decision on an offered variant.
 */
export function checkReviewAgainstSet(review: ReviewFile, set: ReadSet, path: string): void {
  if (review.setSha256 !== set.header.sha256) {
    throw fail(
      path,
      `the review was made on another set (sha256 ${review.setSha256.slice(0, 12)}…), not on ${set.file} ` +
        `(sha256 ${set.header.sha256.slice(0, 12)}…); apply it to the set its review page was built from`,
      'setSha256',
    );
  }
  const byId = new Map(set.variants.map((v) => [v.id, v]));
  const known = (id: string, field: string) => {
    const v = byId.get(id);
    if (!v) throw fail(path, `no variant "${id}" in ${set.file}`, field);
    if (!isReviewable(v))
      throw fail(path, `"${id}" is a ${v.condition.startsWith('retest') ? 'retest' : v.condition} variant, which is the reference and is not reviewed`, field);
  };
  const offered = new Set<string>();
  review.offered.forEach((id, i) => {
    known(id, `offered[${i}]`);
    if (offered.has(id)) throw fail(path, `"${id}" is offered twice`, `offered[${i}]`);
    offered.add(id);
  });
  const decided = new Set<string>();
  review.decisions.forEach((d, i) => {
    const field = `decisions[${i}].variantId`;
    known(d.variantId, field);
    if (!offered.has(d.variantId)) throw fail(path, `"${d.variantId}" was not offered on the review page (it is not in "offered")`, field);
    if (decided.has(d.variantId)) throw fail(path, `"${d.variantId}" has two decisions`, field);
    decided.add(d.variantId);
  });
}
