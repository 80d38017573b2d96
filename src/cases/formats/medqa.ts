import type { Case } from '../types.js';
import type { RecordResult } from './record.js';
import { normaliseOptionText } from '../option-text.js';

/**
 * MedQA JSONL: `{question, options: {A..}, answer_idx}`. The stem holds the
 * vignette and the question together; the last sentence ending in "?" becomes
 * the question and the text is otherwise kept verbatim.
 */
export function readMedqaJsonl(text: string, file: string): RecordResult[] {
  const out: RecordResult[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = i + 1;
    if (!raw.trim()) return;
    let rec: Record<string, unknown>;
    try {
      rec = JSON.parse(raw);
    } catch (err) {
      out.push({ ok: false, line, reason: `not valid JSON (${(err as Error).message})` });
      return;
    }
    out.push(medqaRecord(rec, file, line));
  });
  return out;
}

function medqaRecord(rec: Record<string, unknown>, file: string, line: number): RecordResult {
  if (!rec || typeof rec !== 'object' || Array.isArray(rec)) return { ok: false, line, reason: 'expected a JSON object' };
  if (typeof rec.question !== 'string' || !rec.question.trim()) return { ok: false, line, reason: 'question: missing or not text' };
  const opts = rec.options;
  if (!opts || typeof opts !== 'object' || Array.isArray(opts)) return { ok: false, line, reason: 'options: expected an object {A: text, ...}' };
  const letters = Object.keys(opts).sort();
  if (letters.length < 2 || letters.length > 10 || letters.join('') !== 'ABCDEFGHIJ'.slice(0, letters.length)) {
    return { ok: false, line, reason: `options: letters must run from A without gaps; found ${letters.join(', ') || 'none'}` };
  }
  const options: Record<string, string> = {};
  for (const l of letters) {
    const t = (opts as Record<string, unknown>)[l];
    if (typeof t !== 'string' || !t.trim()) return { ok: false, line, reason: `options.${l}: missing or empty` };
    options[l] = normaliseOptionText(t);
  }
  const answer = rec.answer_idx;
  if (typeof answer !== 'string' || !(answer in options))
    return { ok: false, line, reason: `answer_idx: "${String(answer)}" is not one of the options (${letters.join(', ')})` };
  const { vignette, question } = splitStem(rec.question);
  const id = typeof rec.realidx === 'number' || typeof rec.realidx === 'string' ? `medqa-${rec.realidx}` : `medqa-L${line}`;
  const c: Case = { id, specialty: 'unspecified', vignette, question, options, answer, source: { file, line, format: 'medqa' } };
  return { ok: true, case: c };
}

export function splitStem(stem: string): { vignette: string; question: string } {
  const text = stem.trim();
  const q = text.lastIndexOf('?');
  if (q === -1) return { vignette: text, question: 'Which of the following is the best answer?' };
  // The question starts after the sentence end (or line break) that precedes the "?":
  // tables and lab lists above it stay in the vignette.
  const before = text.slice(0, q);
  const m = /(?:[.!?]["')\]]?\s+|\n\s*)(?=[A-Z0-9])/g;
  let start = 0;
  for (let hit = m.exec(before); hit; hit = m.exec(before)) start = hit.index + hit[0].length;
  const vignette = text.slice(0, start).trim();
  const question = text.slice(start).trim();
  return vignette ? { vignette, question } : { vignette: question, question: 'Which of the following is the best answer?' };
}
