import { LineCounter, parseAllDocuments, isSeq, type Document } from 'yaml';
import { inputError } from '../../errors.js';
import { describeZodIssues, masldCaseSchema } from '../schema.js';
import type { Case } from '../types.js';
import type { RecordResult } from './record.js';
import { normaliseOptionText } from '../option-text.js';

function parseMasldRecord(value: unknown, file: string, line: number): RecordResult {
  const parsed = masldCaseSchema.safeParse(value);
  if (!parsed.success) {
    const { field, message } = describeZodIssues(parsed.error.issues);
    return { ok: false, line, reason: field ? `${field}: ${message}` : message };
  }
  const { options, ...rest } = parsed.data;
  const ordered: Record<string, string> = {};
  for (const key of Object.keys(options).sort()) ordered[key] = normaliseOptionText(options[key]);
  const c: Case = { ...rest, options: ordered, source: { file, line, format: 'masld' } };
  return { ok: true, case: c };
}

export function readMasldJsonl(text: string, file: string): RecordResult[] {
  const out: RecordResult[] = [];
  text.split('\n').forEach((raw, i) => {
    if (!raw.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (err) {
      out.push({ ok: false, line: i + 1, reason: `not valid JSON (${(err as Error).message})` });
      return;
    }
    out.push(parseMasldRecord(value, file, i + 1));
  });
  return out;
}

/** A YAML file holds a list of cases, or one case per document. */
export function readMasldYaml(text: string, file: string): RecordResult[] {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, prettyErrors: false });
  if (!Array.isArray(docs)) return [];
  const out: RecordResult[] = [];
  for (const doc of docs as Document[]) {
    if (doc.errors.length) {
      const e = doc.errors[0];
      throw inputError('E_CASES', `YAML syntax error: ${e.message.split('\n')[0]}`, { file, line: lineCounter.linePos(e.pos[0]).line });
    }
    const contents = doc.contents;
    if (contents === null) continue;
    const items = isSeq(contents) ? contents.items : [contents];
    for (const node of items) {
      const pos = (node as { range?: [number, number, number] }).range?.[0] ?? 0;
      const line = lineCounter.linePos(pos).line;
      out.push(parseMasldRecord((node as { toJSON(): unknown }).toJSON(), file, line));
    }
  }
  return out;
}
