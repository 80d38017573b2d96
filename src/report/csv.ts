import { stringify } from 'csv-stringify/sync';
import type { ScoredCall } from '../scoring/score.js';
import type { CallRecord } from '../store/types.js';
import type { Variant } from '../variants/types.js';

const COLUMNS = [
  'model', 'control', 'case_id', 'condition', 'cf_attribute', 'cf_value', 'status', 'parsed_letter', 'parse_method',
  'answer_text', 'gold_letter', 'gold_text', 'correct', 'truncated', 'input_tokens', 'output_tokens', 'latency_ms', 'attempts',
] as const;

/** A spreadsheet must never evaluate a reply or a case text as a formula. */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** One row per model × case × condition × counterfactual, in the store's order. */
export function resultsCsv(calls: readonly CallRecord[], variants: ReadonlyMap<string, Variant>, scored: ReadonlyMap<string, ScoredCall>, controls: ReadonlySet<string>): string {
  const rows: (string | number | null)[][] = [];
  for (const c of calls) {
    const v = variants.get(c.variantId);
    if (!v) continue;
    const s = scored.get(`${c.modelId}\u0000${c.variantId}`);
    rows.push([
      c.modelId, controls.has(c.modelId) ? 'yes' : 'no', v.caseId, v.condition.startsWith('retest') ? 'retest' : v.condition,
      v.counterfactual?.attribute ?? '', v.counterfactual?.value ?? '', c.status, s?.letter ?? '', s?.method ?? '',
      s?.answerText ?? '', v.answer, v.options[v.answer], s ? (s.correct ? 1 : 0) : '', c.truncated ? 1 : 0,
      c.inputTokens, c.outputTokens, c.latencyMs, c.attempts,
    ]);
  }
  return stringify(rows, {
    header: true,
    columns: [...COLUMNS],
    cast: { string: (value) => neutraliseFormula(value) },
  });
}
