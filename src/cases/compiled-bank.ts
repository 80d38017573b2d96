import { existsSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFileAtomic } from '../util/atomic-write.js';
import { sha256 } from '../util/hash.js';
import { BUILTIN_CASES_DIR } from './builtin.js';
import type { Case } from './types.js';

/**
 * The built-in bank, parsed, normalised and checked at build time (`npm run build`), beside this
 * module: parsing its YAML is most of an audit's start-up. Used only while every source file still
 * has the hash it was compiled from, so an edited bank is read from its YAML again.
 */
export const COMPILED_BANK_FILE = fileURLToPath(new URL('./bank.compiled.json', import.meta.url));
const FORMAT = 1;

interface CompiledBank {
  format: number;
  /** Source file name (in the bank folder) → sha256 of its bytes. */
  sources: Record<string, string>;
  /** Cases in load order; `source.file` is the file's name in the bank folder. */
  cases: Case[];
  /** Normalisation warnings, by index into `cases`. */
  warnings: { index: number; reason: string }[];
}

export interface LoadedBank {
  cases: Case[];
  warnings: { file: string; line: number; reason: string }[];
}

const display = (name: string) => relative(process.cwd(), join(BUILTIN_CASES_DIR, name)) || name;

/** The compiled bank for `files` (the bank folder's case files), or null when absent or stale. */
export function readCompiledBank(files: readonly string[], limit: number, from = COMPILED_BANK_FILE): LoadedBank | null {
  if (process.env.MASLD_COMPILED_BANK === 'off' || !existsSync(from)) return null;
  let bank: CompiledBank;
  try {
    bank = JSON.parse(readFileSync(from, 'utf8')) as CompiledBank;
  } catch {
    return null;
  }
  if (bank.format !== FORMAT || Object.keys(bank.sources).length !== files.length) return null;
  for (const f of files) if (bank.sources[basename(f)] !== sha256(readFileSync(f))) return null;
  const cases = bank.cases.slice(0, limit).map((c) => ({ ...c, source: { ...c.source, file: display(c.source.file) } }));
  const warnings = bank.warnings
    .filter((w) => w.index < cases.length)
    .map((w) => ({ file: cases[w.index].source.file, line: cases[w.index].source.line, reason: w.reason }));
  return { cases, warnings };
}

/** Writes the compiled bank from cases and warnings loaded from the YAML in `files`. */
export function writeCompiledBank(files: readonly string[], loaded: LoadedBank, out = COMPILED_BANK_FILE): void {
  const byFile = new Map(files.map((f) => [display(basename(f)), basename(f)]));
  const name = (file: string) => {
    const n = byFile.get(file);
    if (!n) throw new Error(`compiled bank: ${file} is not a bank file`);
    return n;
  };
  const index = new Map(loaded.cases.map((c, i) => [`${c.source.file}:${c.source.line}`, i]));
  const bank: CompiledBank = {
    format: FORMAT,
    sources: Object.fromEntries(files.map((f) => [basename(f), sha256(readFileSync(f))])),
    cases: loaded.cases.map((c) => ({ ...c, source: { ...c.source, file: name(c.source.file) } })),
    warnings: loaded.warnings.map((w) => ({ index: index.get(`${w.file}:${w.line}`)!, reason: w.reason })),
  };
  writeFileAtomic(out, `${JSON.stringify(bank)}\n`);
}
