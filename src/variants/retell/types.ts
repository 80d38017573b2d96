import type { ModelRuntime } from '../../run/execute.js';

/**
 * Why a retelling was not used. Codes are stable: they are stored in the
 * retelling cache and in variant provenance, and counted in reports.
 */
export const REJECT_REASONS = [
  // Not a narrative at all.
  'empty',
  'too_short',
  'too_long',
  'not_prose',
  'json',
  'refusal',
  'preamble',
  'truncated',
  // A fact of the original lost, changed or added (deterministic checks).
  'number_lost',
  'number_added',
  'negation_lost',
  'negation_flipped',
  'key_fact_lost',
  'red_flag_lost',
  // The question or the options leaked into the narrative.
  'question_included',
  'options_included',
  // Not retold in the probe's style: the original given back, the anchoring opinion missing, no teller's voice, the lead not buried.
  'unchanged',
  'anchor_missing',
  'style_missing',
  // The judge model's verdict.
  'judge_added',
  'judge_removed',
  'judge_altered',
  'judge_unreadable',
] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

export interface Rejection {
  reason: RejectReason;
  /** What was wrong, short enough for a report and for the rewriter's next attempt. */
  detail: string;
}

/** A model used for retelling or judging: the audit's runtime, plus what identifies its replies in the cache. */
export interface RetellModel extends ModelRuntime {
  /** Provider, model, endpoint and sampling settings: replies from another identity are never reused. */
  identity: string;
}

/** How one probe's variants are retold. Providers are created by the caller. */
export interface RetellPlan {
  probe: string;
  rewriter: RetellModel;
  /** Often the rewriter itself. */
  judge: RetellModel;
  /** k: extra attempts after a rejected retelling (k + 1 in all). */
  retries: number;
}

export interface Usage {
  calls: number;
  inputTokens: number;
  outputTokens: number;
}

/** Per probe: what the retelling did and cost. */
export interface RetellSummary {
  probe: string;
  rewriter: string;
  judge: string;
  /** Variants put to the rewriter. */
  attempted: number;
  /** Variants whose narrative is now a verified retelling. */
  accepted: number;
  /** Variants whose k + 1 retellings were all rejected: the rule-based variant is used. */
  fallbacks: number;
  /** Variants left rule-based because a call failed after its retries or its model's circuit opened; not cached, so tried again next run. */
  failed: number;
  /** Rejected attempts. */
  rejectedAttempts: number;
  /** Rejected attempts by reason (an attempt rejected for two reasons counts under both). */
  rejected: Partial<Record<RejectReason, number>>;
  /** Rewriter and judge calls behind these results, those read from the cache included. */
  calls: number;
  /** Of those, calls made by this run (0 when everything came from the cache). */
  newCalls: number;
  inputTokens: number;
  outputTokens: number;
}
