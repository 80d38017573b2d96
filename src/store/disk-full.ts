import { existsSync, statSync } from 'node:fs';
import { MasldError } from '../errors.js';

/** SQLite's "database or disk is full", or the file system's ENOSPC. */
export function isDiskFull(err: unknown): boolean {
  const code = (err as { code?: string } | null)?.code;
  return code === 'SQLITE_FULL' || code === 'ENOSPC' || /database or disk is full|no space left on device/i.test((err as Error | null)?.message ?? '');
}

/** Bytes an output takes per planned call (results.csv and report.html), with margin. */
const OUTPUT_BYTES_PER_CALL = 1500;

/**
 * The clean stop on a full disk: what is stored stays stored, and the message
 * says how much space the rest of the run needs, estimated from the plan (the
 * calls still to make, at the store's size per call so far, and the outputs).
 */
export function diskFullError(dir: string, storePath: string, o: { planned: number; answered: number }): MasldError {
  const size = (p: string) => (existsSync(p) ? statSync(p).size : 0);
  const stored = size(storePath) + size(`${storePath}-wal`);
  const perCall = o.answered > 0 ? stored / o.answered : 4096;
  const needed = Math.max(0, o.planned - o.answered) * perCall * 1.5 + o.planned * OUTPUT_BYTES_PER_CALL;
  const mb = Math.max(1, Math.ceil(needed / 1e6));
  return new MasldError(
    'E_DISK_FULL',
    `${dir}: the disk is full. The ${o.answered} calls answered so far are stored and kept; no output was ` +
      `written. Free at least ${mb} MB there (${o.planned - o.answered} calls to go) and run the same command again to resume.`,
    { file: dir },
  );
}
