import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { inputError } from '../errors.js';
import { withRunSnapshot } from './run-reader.js';
import { writeCallsJsonl, writeInspectLogs } from './write-logs.js';

/** The formats `masld export` writes. */
export const EXPORT_FORMATS = ['inspect', 'jsonl'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Where each format goes in the run's folder unless `out` says otherwise: inspect's logs in a folder, the rows in one file. */
const DEFAULT_OUT: Record<ExportFormat, string> = { inspect: 'inspect', jsonl: 'calls.jsonl' };

export interface ExportOptions {
  format: string;
  /** A folder (inspect) or a file (jsonl); default inside the run's folder. */
  out?: string;
  /** Replace an existing output; without it an existing output is refused. */
  force?: boolean;
}

export interface ExportResult {
  format: ExportFormat;
  /** The folder (inspect) or file (jsonl) written, resolved. */
  out: string;
  /** inspect: the log files in `out`, one per model; jsonl: the file's name. */
  files: string[];
  /** Samples (inspect) or rows (jsonl): one per stored call. */
  records: number;
}

/**
 * Exports a finished (or running) audit from its store alone; calls no model
 * and recomputes no metric. The output appears whole or not at all: it is
 * written under a temporary name and renamed into place.
 */
export async function exportRun(dirArg: string, o: ExportOptions): Promise<ExportResult> {
  const format = EXPORT_FORMATS.find((f) => f === o.format);
  if (!format) throw inputError('E_USAGE', `unknown format "${o.format}"; formats are ${EXPORT_FORMATS.join(', ')}`, { field: '--format' });
  const out = resolve(o.out ?? join(resolve(dirArg), DEFAULT_OUT[format]));
  return withRunSnapshot(dirArg, async (src) => {
    if (existsSync(out) && !o.force) throw inputError('E_INPUT', 'already exists; pass --force to replace it, or --out to write elsewhere', { file: out });
    if (format === 'jsonl') {
      mkdirSync(dirname(out), { recursive: true });
      const records = writeCallsJsonl(src, out);
      return { format, out, files: [out], records };
    }
    // The logs are written into a fresh folder beside the target, which replaces it only once every log is complete.
    const tmp = `${out}.${process.pid}.tmp`;
    rmSync(tmp, { recursive: true, force: true });
    mkdirSync(tmp, { recursive: true });
    try {
      const { files, samples } = writeInspectLogs(src, tmp);
      replaceFolder(tmp, out);
      return { format, out, files, records: samples };
    } catch (e) {
      rmSync(tmp, { recursive: true, force: true });
      throw e;
    }
  });
}

/** Moves `from` to `to`; an existing `to` is moved aside first and removed only after. */
function replaceFolder(from: string, to: string): void {
  if (!existsSync(to)) {
    renameSync(from, to);
    return;
  }
  const old = `${to}.${process.pid}.old`;
  renameSync(to, old);
  renameSync(from, to);
  rmSync(old, { recursive: true, force: true });
}
