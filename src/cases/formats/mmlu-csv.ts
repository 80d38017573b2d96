import { parse, type InfoRecord } from 'csv-parse/sync';
import { inputError } from '../../errors.js';
import type { Case } from '../types.js';
import { splitStem } from './medqa.js';
import type { RecordResult } from './record.js';
import { normaliseOptionText } from '../option-text.js';

const LETTERS = ['A', 'B', 'C', 'D'];

/** A row as csv-parse returns it with `info: true`; its typings describe only the plain records. */
type RowWithInfo = { record: string[]; info: Pick<InfoRecord, 'lines'> };

/** MMLU CSV: no header; question, A, B, C, D, answer letter. */
export function readMmluCsv(text: string, file: string): RecordResult[] {
  let rows: RowWithInfo[];
  try {
    rows = parse(text, { relax_column_count: true, info: true, skip_empty_lines: true }) as unknown as RowWithInfo[];
  } catch (err) {
    const e = err as Error & { lines?: number };
    throw inputError('E_CASES', `CSV syntax error: ${e.message}`, { file, line: e.lines });
  }
  const stem = file.replace(/^.*[\\/]/, '').replace(/\.csv$/i, '');
  return rows.map(({ record, info }, index) => {
    const line = info.lines;
    if (record.length !== 6) return { ok: false, line, reason: `expected 6 columns (question, A, B, C, D, answer), found ${record.length}` };
    const [question, ...rest] = record;
    const answer = rest[4].trim().toUpperCase();
    if (!LETTERS.includes(answer)) return { ok: false, line, reason: `answer column: "${rest[4]}" is not A, B, C or D` };
    const options: Record<string, string> = {};
    LETTERS.forEach((l, i) => {
      options[l] = normaliseOptionText(rest[i]);
    });
    const empty = LETTERS.find((l) => !options[l]);
    if (empty) return { ok: false, line, reason: `option ${empty} is empty` };
    if (!question.trim()) return { ok: false, line, reason: 'question is empty' };
    const split = splitStem(question);
    const c: Case = {
      id: `${stem}-${index + 1}`,
      specialty: stem.replace(/_(test|dev|val)$/, ''),
      vignette: split.vignette,
      question: split.question,
      options,
      answer,
      source: { file, line, format: 'mmlu-csv' },
    };
    return { ok: true, case: c } as RecordResult;
  });
}
