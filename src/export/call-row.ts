import { parseDose } from '../probes/dose.js';
import { COLUMNS, resultRow } from '../report/csv.js';
import { scoreCall, type ScoredCall } from '../scoring/score.js';
import type { StoredCall } from '../store/types.js';
import { variantId, type VariantKey } from '../variants/types.js';
import type { ExportSource } from './run-reader.js';

/** One call as a flat record: results.csv's columns (empty cells as null), then what only an export carries. */
export type CallRow = Record<(typeof COLUMNS)[number] | (typeof EXTRA)[number], string | number | boolean | null>;

/** Columns after results.csv's, in this order. */
export const EXTRA = [
  'variant_id',
  'probe',
  'retest_ask',
  'neutral_edit',
  'clean_variant_id',
  'clean_answer_text',
  'changed_from_clean',
  'finished_at',
  'error',
  'reply',
] as const;

/**
 * The clean prompt a variant's answer is read against: for a probe, the
 * critical fact or a retest, the clean prompt with the same counterfactual
 * (double stress) where one was sent, else the case as written; for a
 * counterfactual clean prompt, the case as written. None for the case as written itself.
 */
export function cleanReference(key: VariantKey, keys: ReadonlyMap<string, VariantKey>): string | null {
  const asWritten = variantId(key.caseId, 'clean', null);
  if (key.condition === 'clean') return key.counterfactual ? asWritten : null;
  const sameGroup = variantId(key.caseId, 'clean', key.counterfactual);
  return keys.has(sameGroup) ? sameGroup : keys.has(asWritten) ? asWritten : null;
}

/** A model's answers (option text; null when the reply could not be read) to the clean prompts, for the `changed_from_clean` column. */
export function cleanAnswers(src: ExportSource, modelId: string): Map<string, string | null> {
  const out = new Map<string, string | null>();
  for (const call of src.store.calls(modelId)) {
    const key = src.keys.get(call.variantId);
    if (key?.condition !== 'clean') continue;
    const scored = scoreCall(call, key);
    if (scored) out.set(key.id, scored.answerText);
  }
  return out;
}

/**
 * The row of one stored call. `changed_from_clean` compares option texts, as
 * the metrics do, and only between two readable answers (null otherwise).
 */
export function callRow(src: ExportSource, call: StoredCall, key: VariantKey, scored: ScoredCall | null, clean: ReadonlyMap<string, string | null>): CallRow {
  const csv = resultRow(call, key, scored, src.controls.has(call.modelId));
  const row = Object.fromEntries(COLUMNS.map((name, i) => [name, csv[i] === '' ? null : csv[i]])) as CallRow;
  const ref = cleanReference(key, src.keys);
  const refText = ref === null ? null : (clean.get(ref) ?? null);
  const variant = src.variants.get(key.id);
  row.variant_id = key.id;
  row.probe = src.meta.config.probes.includes(parseDose(key.condition).probe) ? parseDose(key.condition).probe : null;
  row.retest_ask = variant?.provenance.retest ?? null;
  row.neutral_edit = key.neutralEdit;
  row.clean_variant_id = ref;
  row.clean_answer_text = refText;
  row.changed_from_clean = scored?.answerText != null && refText !== null ? scored.answerText !== refText : null;
  row.finished_at = call.finishedAt;
  row.error = call.status === 'failed' ? (call.errors.at(-1) ?? 'failed') : null;
  row.reply = call.raw;
  return row;
}

/**
 * Every stored call of a model with its answer key and score, in store order; calls of variants the store does
 * not hold are skipped, as results.csv skips them.
 */
export function* scoredCalls(src: ExportSource, modelId: string): Iterable<{ call: StoredCall; key: VariantKey; scored: ScoredCall | null }> {
  for (const call of src.store.calls(modelId)) {
    const key = src.keys.get(call.variantId);
    if (key) yield { call, key, scored: scoreCall(call, key) };
  }
}
