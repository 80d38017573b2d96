import { extname } from 'node:path';
import { inputError } from '../errors.js';
import type { CaseFormat } from './types.js';

/** Picks the format from the extension, then from the first record's keys. */
export function detectFormat(file: string, text: string): CaseFormat {
  const ext = extname(file).toLowerCase();
  if (ext === '.csv') return 'mmlu-csv';
  if (ext === '.yaml' || ext === '.yml') return 'masld';
  const firstLine = text.split('\n').find((l) => l.trim());
  if (!firstLine) throw inputError('E_CASES', 'the case file is empty', { file });
  let first: unknown;
  try {
    first = JSON.parse(firstLine);
  } catch (err) {
    throw inputError(
      'E_CASES',
      `the first record is not valid JSON (${(err as Error).message}), and the extension is not .csv, .yaml or ` +
        '.yml, so the format cannot be detected. Fix the line, or set cases.format (masld | medqa | mmlu-csv).',
      { file, line: 1 },
    );
  }
  if (first && typeof first === 'object') {
    if ('answer_idx' in first) return 'medqa';
    if ('vignette' in first) return 'masld';
  }
  throw inputError('E_CASES', 'cannot tell the format from the first record (no "answer_idx" for MedQA, no "vignette" for masld). Set cases.format.', {
    file,
    line: 1,
  });
}
