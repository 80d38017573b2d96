import type { ScoredCall } from '../scoring/score.js';
import type { CallRecord } from '../store/types.js';
import { conditionGroup, type VariantKey } from '../variants/types.js';

/** results.csv's columns, in order; `masld export --format jsonl` writes the same names. */
export const COLUMNS = [
  'model',
  'control',
  'case_id',
  'condition',
  'cf_attribute',
  'cf_value',
  'status',
  'parsed_letter',
  'parse_method',
  'answer_text',
  'gold_letter',
  'gold_text',
  'correct',
  'truncated',
  'input_tokens',
  'output_tokens',
  'latency_ms',
  'attempts',
  'defects',
  'mode',
] as const;

type Row = (string | number | null)[];

/** One call's row of results.csv, in COLUMNS order: empty text for what does not apply, as the file holds it. */
export function resultRow(c: CallRecord, v: VariantKey, s: ScoredCall | null, control: boolean): Row {
  return [
    c.modelId,
    control ? 'yes' : 'no',
    v.caseId,
    conditionGroup(v.condition),
    v.counterfactual?.attribute ?? '',
    v.counterfactual?.value ?? '',
    c.status,
    s?.letter ?? '',
    s?.method ?? '',
    s?.answerText ?? '',
    v.answer,
    v.options[v.answer],
    s ? (s.correct ? 1 : 0) : '',
    c.truncated ? 1 : 0,
    c.inputTokens,
    c.outputTokens,
    c.latencyMs,
    c.attempts,
    v.defects.join(' '),
    c.mode ?? 'live',
  ];
}

/** A spreadsheet must never evaluate a reply or a case text as a formula. */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/**
 * One RFC 4180 field: quoted when it holds a comma, quote or line break, with
 * quotes doubled; text neutralised against formulas, numbers as they are,
 * null as empty. Written here rather than with csv-stringify, which cost
 * about 13 µs a row against 3 µs for these lines; test/report/csv.test.ts
 * reads the output back with csv-parse.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = neutraliseFormula(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvLine = (fields: readonly (string | number | null)[]) => `${fields.map(csvField).join(',')}\n`;

/**
 * results.csv, one row per model × case × condition × counterfactual, in the
 * store's order. Rows are taken one at a time and handed to `write` in
 * batches, so the file is never built whole in memory.
 */
export class ResultsCsv {
  private rows: Row[] = [];
  private header = true;
  constructor(
    private readonly write: (text: string) => void,
    private readonly controls: ReadonlySet<string>,
    private readonly batch = 2000,
  ) {}

  add(c: CallRecord, v: VariantKey | undefined, s: ScoredCall | null): void {
    if (!v) return;
    this.rows.push(resultRow(c, v, s, this.controls.has(c.modelId)));
    if (this.rows.length >= this.batch) this.flush();
  }

  /** Writes what is pending (and the header, even for an empty run). */
  flush(): void {
    if (!this.rows.length && !this.header) return;
    this.write((this.header ? csvLine(COLUMNS) : '') + this.rows.map(csvLine).join(''));
    this.header = false;
    this.rows = [];
  }
}
