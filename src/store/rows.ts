import type { Counterfactual, Variant, VariantKey } from '../variants/types.js';
import type { CallRecord, StoredCall } from './types.js';

/** A row read by column name. */
export type Row = Record<string, string | null>;

/** The columns a variant and its answer key share. */
const identity = (r: Row) => ({
  id: r.id!,
  caseId: r.case_id!,
  condition: r.condition!,
  // The store holds what the run wrote: an attribute of COUNTERFACTUAL_NAMES.
  counterfactual: r.cf_attribute ? { attribute: r.cf_attribute as Counterfactual['attribute'], value: r.cf_value! } : null,
  options: JSON.parse(r.options!) as Record<string, string>,
  answer: r.answer!,
});

/** The variants columns both stores write (SQLite and the shared PostgreSQL store). */
export const VARIANT_COLUMNS = 'ord, id, case_id, condition, cf_attribute, cf_value, narrative, question, options, answer, provenance';

/** One variant's values for VARIANT_COLUMNS. */
export const variantValues = (v: Variant, ord: number): [number, ...(string | null)[]] => [
  ord,
  v.id,
  v.caseId,
  v.condition,
  v.counterfactual?.attribute ?? null,
  v.counterfactual?.value ?? null,
  v.narrative,
  v.question,
  JSON.stringify(v.options),
  v.answer,
  JSON.stringify(v.provenance),
];

export function variantFromRow(r: Row): Variant {
  return { ...identity(r), narrative: r.narrative!, question: r.question!, provenance: JSON.parse(r.provenance!) };
}

/** A variant's answer key, from the columns variantKeys() selects. */
export function variantKeyFromRow(r: Row): VariantKey {
  return {
    ...identity(r),
    counterfactualBaseline: r.baseline ?? null,
    defects: r.defects ? JSON.parse(r.defects) : [],
    neutralEdit: Number(r.neutral) === 1,
  };
}

/** The calls columns a StoredCall is read from; `modeColumn` is `'live'` on a store from before modes were recorded. */
export const callColumns = (modeColumn: string) =>
  'model_id, variant_id, status, raw, truncated, finish_reason, input_tokens, output_tokens, latency_ms, ' +
  `attempts, errors, finished_at, letter_probs, parsed_letter, parse_method, ${modeColumn}`;

/** One row read as an array (raw mode: no per-row object with column names to build). */
export function storedCall(r: unknown[]): StoredCall {
  return {
    modelId: r[0] as string,
    variantId: r[1] as string,
    status: r[2] as CallRecord['status'],
    raw: r[3] as string | null,
    truncated: r[4] === 1,
    finishReason: r[5] as string | null,
    inputTokens: r[6] as number | null,
    outputTokens: r[7] as number | null,
    latencyMs: r[8] as number | null,
    attempts: r[9] as number,
    errors: r[10] === '[]' ? [] : JSON.parse(r[10] as string),
    finishedAt: r[11] as string,
    letterProbs: r[12] ? JSON.parse(r[12] as string) : null,
    storedParse: r[14] === null ? null : { letter: r[13] as string | null, method: r[14] as string },
    mode: r[15] as StoredCall['mode'],
  };
}
