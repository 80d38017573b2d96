import { existsSync, renameSync, rmSync } from 'node:fs';
import type pg from 'pg';
import { inputError } from '../../errors.js';
import { openDatabase } from '../../util/sqlite.js';
import { parseRunMeta } from '../meta.js';
import { type Row, variantFromRow } from '../rows.js';
import { SqliteStore } from '../sqlite.js';
import { CALLS_PAGE, type CallRow, callFromRow } from './calls.js';
import type { Connection } from './connect.js';

const PAGE = 2_000;

/**
 * Copies a run into a new single-file SQLite store through SqliteStore itself,
 * so the file is what a local run of the same calls writes. Read in one
 * snapshot (REPEATABLE READ), written beside `path` and renamed onto it at the
 * end: a failed export leaves no file that looks whole. `path` must not exist.
 */
export async function exportRun(conn: Connection, runId: string, path: string): Promise<void> {
  if (existsSync(path)) throw inputError('E_INPUT', 'already exists; an export writes a new store file', { file: path });
  const partial = `${path}.partial-${process.pid}`;
  const remove = () => {
    for (const f of [partial, `${partial}-wal`, `${partial}-shm`]) rmSync(f, { force: true });
  };
  await conn
    .transaction(async (c) => {
      remove();
      const store = new SqliteStore(partial);
      try {
        await copy(c, conn.shown, runId, store);
      } finally {
        store.close();
      }
    }, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
    .catch((err) => {
      remove();
      throw err;
    });
  // Closing the last connection checkpoints the write-ahead log into the file; should one remain, fold it in before the rename.
  if (existsSync(`${partial}-wal`)) openDatabase(partial).close();
  renameSync(partial, path);
}

async function copy(c: pg.PoolClient, shown: string, runId: string, store: SqliteStore): Promise<void> {
  const [run] = (await c.query<{ meta: string }>(`SELECT meta FROM runs WHERE run_id = $1`, [runId])).rows;
  if (!run) throw inputError('E_INPUT', `no run ${runId} in the shared store ${shown}`, { field: '--run' });
  // Refuse a record this version cannot read; write it as stored (its JSON text is what SQLite would hold).
  parseRunMeta(run.meta, `${shown} run ${runId}`);
  const cases = (await c.query<{ json: string }>(`SELECT json FROM cases WHERE run_id = $1 ORDER BY ord`, [runId])).rows;
  const variants = (await c.query<Row>(`SELECT * FROM variants WHERE run_id = $1 ORDER BY ord`, [runId])).rows;
  store.initialise(
    JSON.parse(run.meta),
    cases.map((r) => JSON.parse(r.json)),
    variants.map(variantFromRow),
  );
  for (let after = ['', '']; ; ) {
    const page = (await c.query<CallRow>(CALLS_PAGE, [runId, after[0], after[1], PAGE])).rows;
    if (page.length === 0) break;
    store.saveCalls(page.map(callFromRow));
    const last = page[page.length - 1];
    after = [last.model_id, last.variant_id];
  }
  const [info] = (await c.query<{ info: string }>(`SELECT info FROM model_info WHERE run_id = $1`, [runId])).rows;
  if (info) store.saveModelInfo(JSON.parse(info.info));
}
