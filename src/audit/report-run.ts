import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { inputError, MasldError } from '../errors.js';
import type { Results } from '../report/results.js';
import { inspectStore } from '../store/inspect.js';
import { acquireLock, type Lock } from '../store/lock.js';
import { SqliteStore, STORE_FILE } from '../store/sqlite.js';
import { writeOutputs } from './outputs.js';

/** The store of an audit folder; an input error when the folder holds none. */
export function runStorePath(dir: string): string {
  const path = join(resolve(dir), STORE_FILE);
  if (!existsSync(path)) throw inputError('E_INPUT', `no ${STORE_FILE} here; pass the folder an audit wrote`, { file: resolve(dir) });
  return path;
}

/**
 * Where a report beside a running audit writes: never the run's own outputs,
 * which the audit writes when it finishes and a late snapshot must not replace.
 */
export const SNAPSHOT_DIR = 'snapshot';

/** Removes a snapshot left by a report taken while the run was in progress: the run's own outputs supersede it. */
export function dropSnapshot(runDir: string): void {
  rmSync(join(runDir, SNAPSHOT_DIR), { recursive: true, force: true });
}

/** An audit folder whose outputs were just rewritten from its store. */
export interface ReportedRun {
  /** Where the outputs were written, resolved: the run's folder, or its snapshot/ folder while an audit still runs there. */
  dir: string;
  results: Results;
  /** Null when the folder was free; else the calls answered so far by the audit still running in it, whose snapshot this is. */
  snapshotOf: number | null;
}

/**
 * Recomputes every output of a run from its store; calls no model. An audit
 * still writing the folder holds its lock: then a snapshot is read beside it
 * and nothing is written to the store.
 */
export async function reportRun(dirArg: string): Promise<ReportedRun> {
  const dir = resolve(dirArg);
  const path = runStorePath(dir);
  let release: Lock | null = null;
  try {
    release = acquireLock(dir);
  } catch (err) {
    if ((err as { code?: string }).code !== 'E_LOCKED') throw err;
  }
  let store: SqliteStore;
  try {
    inspectStore(path);
    store = new SqliteStore(path, { readOnly: !release });
  } catch (err) {
    release?.();
    throw err;
  }
  const outDir = release ? dir : join(dir, SNAPSHOT_DIR);
  try {
    if (release) dropSnapshot(dir);
    else mkdirSync(outDir, { recursive: true });
    const { results, answered } = await store.snapshot(async () => ({ answered: store.answeredCalls(), results: await writeOutputs(store, outDir) }));
    return { dir: outDir, results, snapshotOf: release ? null : answered };
  } catch (err) {
    // The audit finished meanwhile and removed the stale snapshot folder.
    if (!release && (err as NodeJS.ErrnoException).code === 'ENOENT' && !existsSync(outDir))
      throw new MasldError('E_SUPERSEDED', `the audit in ${dir} finished while this snapshot was being written; its own outputs there are complete`);
    throw err;
  } finally {
    store.close();
    release?.();
  }
}
