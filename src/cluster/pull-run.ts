import { renameSync, rmSync } from 'node:fs';
import { inputError } from '../errors.js';
import type { SharedStore } from '../store/shared.js';

/** The run a full id or a prefix of one names (as `masld status` prints them); with none given, the store's only run. */
export async function findRun(store: SharedStore, idOrPrefix?: string): Promise<string> {
  const runs = await store.runs();
  const list = () => runs.map((r) => `${r.runId.slice(0, 12)} (${r.createdAt}, ${r.models.join(', ')})`).join('; ');
  const hits = idOrPrefix ? runs.filter((r) => r.runId.startsWith(idOrPrefix.toLowerCase())) : runs;
  if (hits.length === 1) return hits[0].runId;
  if (!runs.length) throw inputError('E_USAGE', 'the shared store holds no run');
  if (!idOrPrefix) throw inputError('E_USAGE', `the shared store holds ${runs.length} runs; name one with --run: ${list()}`, { field: '--run' });
  throw inputError('E_USAGE', `${hits.length ? 'more than one run begins' : 'no run begins'} with "${idOrPrefix}"; the runs: ${list()}`, { field: '--run' });
}

/** Copies a run into a single-file SQLite store at `path`, replacing what was there only once the copy is whole. */
export async function pullRun(store: SharedStore, runId: string, path: string): Promise<void> {
  const tmp = `${path}.pull-${process.pid}`;
  rmSync(tmp, { force: true });
  try {
    await store.exportRun(runId, tmp);
    for (const f of [`${path}-wal`, `${path}-shm`]) rmSync(f, { force: true });
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}
