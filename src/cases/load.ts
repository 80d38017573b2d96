import { readdirSync, statSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { inputError } from '../errors.js';
import { sha256, stableStringify } from '../util/hash.js';
import { readUserTextFile } from '../util/text-file.js';
import { BANK_VERSION, BUILTIN_CASES_DIR } from './builtin.js';
import { readCompiledBank } from './compiled-bank.js';
import { detectFormat } from './detect.js';
import { normaliseCase } from './normalise.js';
import { readMasldJsonl, readMasldYaml } from './formats/masld.js';
import { readMedqaJsonl } from './formats/medqa.js';
import { readMmluCsv } from './formats/mmlu-csv.js';
import type { RecordResult } from './formats/record.js';
import { renderSlots, SlotError } from './slots.js';
import type { Case, CaseFormat, CaseSet } from './types.js';

/** Where {@link loadCases} reads from, and how much. */
export interface LoadCasesOptions {
  /** A file or a folder of case files; omitted means the built-in bank. */
  path?: string;
  format?: CaseFormat | 'auto';
  /** Keep the first N cases in file order. */
  limit?: number;
  /** Skip bad records (counted and reported) instead of failing. */
  skipInvalid?: boolean;
}

const CASE_EXTENSIONS = new Set(['.yaml', '.yml', '.jsonl', '.json', '.csv']);

/**
 * Reads cases: the built-in bank, or a file or folder of MedQA JSONL, MMLU CSV
 * or the project's YAML/JSON format (detected, or named by `format`). A bad
 * record is an `E_CASES` error naming its file and line, unless `skipInvalid`.
 *
 * @example
 * ```ts
 * import { loadCases } from 'ai-masld';
 *
 * const { cases, source } = loadCases({ limit: 10 });
 * console.log(`${cases.length} cases from ${source}; the first asks: ${cases[0].question}`);
 * ```
 */
export function loadCases(options: LoadCasesOptions = {}): CaseSet {
  const root = options.path ?? BUILTIN_CASES_DIR;
  const files = listCaseFiles(root);
  const skipped: CaseSet['skipped'] = [];
  const warnings: NonNullable<CaseSet['warnings']> = [];
  const cases: Case[] = [];
  const formats = new Set<CaseFormat>();
  const seen = new Map<string, Case>();
  const limit = options.limit ?? Infinity;
  const compiled =
    options.path === undefined && (options.format ?? 'auto') !== 'medqa' && options.format !== 'mmlu-csv' ? readCompiledBank(files, limit) : null;
  if (compiled) {
    cases.push(...compiled.cases);
    warnings.push(...compiled.warnings);
    formats.add('masld');
  }
  for (const file of compiled ? [] : files) {
    if (cases.length >= limit) break;
    const display = options.path ? file : relative(process.cwd(), file) || file;
    const text = readUserTextFile(file, 'case file');
    const format = !options.format || options.format === 'auto' ? detectFormat(display, text) : options.format;
    formats.add(format);
    const records = readRecords(format, text, display);
    if (records.length === 0) throw inputError('E_CASES', 'the case file holds no cases', { file: display });
    for (const rec of records) {
      if (cases.length >= limit) break;
      // Look-alike letters are mapped before the checks, which then read the text as it will be used.
      const norm = rec.ok ? normaliseCase(rec.case) : null;
      const result = norm ? checkCase(norm.case, seen) : rec;
      if (result.ok) {
        if (norm?.warning) warnings.push({ file: display, line: result.case.source.line, reason: norm.warning });
        seen.set(result.case.id, result.case);
        cases.push(result.case);
      } else if (options.skipInvalid) {
        skipped.push({ file: display, line: result.line, reason: result.reason });
      } else {
        throw inputError('E_CASES', `${result.reason}. Fix the record, or pass --skip-invalid to skip bad records (they are counted and reported).`, {
          file: display,
          line: result.line,
        });
      }
    }
  }
  if (cases.length === 0) throw inputError('E_CASES', 'no valid cases were loaded', { file: options.path ?? 'built-in bank' });
  return {
    cases,
    source: options.path ?? 'builtin',
    format: formats.size === 1 ? [...formats][0] : 'mixed',
    sha256: caseSetHash(cases),
    ...(options.path === undefined ? { bank: BANK_VERSION } : {}),
    skipped,
    warnings,
  };
}

/** Hash of the cases' content, independent of where they were read from. */
export function caseSetHash(cases: readonly Case[]): string {
  return sha256(stableStringify(cases.map(({ source: _source, ...rest }) => rest)));
}

export function listCaseFiles(root: string): string[] {
  let st: ReturnType<typeof statSync>;
  try {
    st = statSync(root);
  } catch {
    throw inputError('E_CASES', 'case file or folder not found', { file: root });
  }
  if (!st.isDirectory()) return [root];
  const files = readdirSync(root)
    .filter((f) => CASE_EXTENSIONS.has(extname(f).toLowerCase()))
    .sort()
    .map((f) => join(root, f));
  if (files.length === 0) throw inputError('E_CASES', 'the folder holds no case files (.yaml, .yml, .jsonl, .json, .csv)', { file: root });
  return files;
}

export function readRecords(format: CaseFormat, text: string, file: string): RecordResult[] {
  switch (format) {
    case 'masld':
      return /\.ya?ml$/i.test(file) ? readMasldYaml(text, file) : readMasldJsonl(text, file);
    case 'medqa':
      return readMedqaJsonl(text, file);
    case 'mmlu-csv':
      return readMmluCsv(text, file);
  }
}

/** Checks that need the whole case: ids unique, slots resolve, the critical fact present. */
function checkCase(c: Case, seen: Map<string, Case>): RecordResult {
  const line = c.source.line;
  const dup = seen.get(c.id);
  if (dup) return { ok: false, line, reason: `duplicate id "${c.id}" (first seen at ${dup.source.file}:${dup.source.line})` };
  let rendered: string;
  try {
    rendered = renderSlots(c.vignette, c.demographics ?? {});
    renderSlots(c.question, c.demographics ?? {});
  } catch (err) {
    if (err instanceof SlotError) return { ok: false, line, reason: `vignette: ${err.message}` };
    throw err;
  }
  if (c.criticalVariant && !rendered.includes(c.criticalVariant.replace.from)) {
    return { ok: false, line, reason: `criticalVariant.replace.from: "${c.criticalVariant.replace.from}" does not occur in the rendered vignette` };
  }
  return { ok: true, case: c };
}
