import type { CallRecord } from '../types.js';

/** The calls columns, in SQLite's order (store/rows.ts callColumns, without scoring's parse). */
const COLUMNS =
  'model_id, variant_id, status, raw, truncated, finish_reason, input_tokens, output_tokens, latency_ms, attempts, errors, finished_at, letter_probs, mode';
const UPDATED = COLUMNS.split(', ')
  .slice(2)
  .map((c) => `${c} = EXCLUDED.${c}`)
  .join(', ');

/**
 * One call, committed at once. A call already stored ok is never replaced, so
 * a job run twice (a worker killed after its commit) cannot count twice; a
 * failed one gives way to the newer attempt.
 */
export const SAVE_CALL = `INSERT INTO calls (run_id, ${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
  ON CONFLICT (run_id, model_id, variant_id) DO UPDATE SET ${UPDATED} WHERE calls.status <> 'ok'`;

/** A call's values as SQLite's saveCall writes them (store/sqlite.ts); the reply as UTF-8 bytes. */
export const callParams = (runId: string, c: CallRecord): unknown[] => [
  runId,
  c.modelId,
  c.variantId,
  c.status,
  c.raw === null ? null : Buffer.from(c.raw, 'utf8'),
  c.truncated,
  c.finishReason,
  c.inputTokens,
  c.outputTokens,
  c.latencyMs,
  c.attempts,
  JSON.stringify(c.errors),
  c.finishedAt,
  c.letterProbs ? JSON.stringify(c.letterProbs) : null,
  c.mode ?? 'live',
];

/** Reads calls of one run in SQLite's order (model, then variant, bytewise), after the key given, `$4` at a time. */
export const CALLS_PAGE = `SELECT ${COLUMNS} FROM calls WHERE run_id = $1 AND (model_id, variant_id) > ($2, $3)
  ORDER BY model_id, variant_id LIMIT $4`;

export interface CallRow {
  model_id: string;
  variant_id: string;
  status: CallRecord['status'];
  raw: Buffer | null;
  truncated: boolean;
  finish_reason: string | null;
  input_tokens: number | null;
  output_tokens: number | null;
  latency_ms: number | null;
  attempts: number;
  errors: string;
  finished_at: string;
  letter_probs: string | null;
  mode: NonNullable<CallRecord['mode']>;
}

export function callFromRow(r: CallRow): CallRecord {
  return {
    modelId: r.model_id,
    variantId: r.variant_id,
    status: r.status,
    raw: r.raw === null ? null : r.raw.toString('utf8'),
    truncated: r.truncated,
    finishReason: r.finish_reason,
    inputTokens: r.input_tokens,
    outputTokens: r.output_tokens,
    latencyMs: r.latency_ms,
    attempts: r.attempts,
    errors: JSON.parse(r.errors),
    finishedAt: r.finished_at,
    letterProbs: r.letter_probs ? JSON.parse(r.letter_probs) : null,
    mode: r.mode,
  };
}
