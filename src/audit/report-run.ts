import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { inputError } from '../errors.js';
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

/** An audit folder whose outputs were just rewritten from its store. */
export interface ReportedRun {
  /** The folder, resolved: the outputs are written there. */
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
  try {
    const { results, answered } = await store.snapshot(async () => ({ answered: store.answeredCalls(), results: await writeOutputs(store, dir) }));
    return { dir, results, snapshotOf: release ? null : answered };
  } finally {
    store.close();
    release?.();
  }
}
