import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { MasldError } from '../errors.js';
import { openDatabase, type SqlDatabase } from '../util/sqlite.js';

/**
 * The store layout this version writes (PRAGMA user_version); 0 is a store from before it was stamped.
 * 2: calls record their mode (live or batch); a batches table holds the batch ids of a run. Stores of 0 and 1 are read, and gain both when written.
 * 3: a batch_intents table records a batch before its create request leaves, and batches record their token, so a batch whose
 *    create reply was lost to a kill is found again. Stores of 2 gain both when written.
 */
export const STORE_SCHEMA_VERSION = 3;

const REMEDY = 'Nothing in it was changed. Run the audit with a new --out, or recover what is readable with `sqlite3 FILE .recover`.';

function damaged(path: string, why: string): MasldError {
  return new MasldError('E_STORE_DAMAGED', `${path} is damaged: ${why}. ${REMEDY}`, { file: path });
}

/**
 * Refuses, before anything opens it for writing, a store that is not one this
 * version can read: not SQLite, truncated, without the audit's tables, or
 * written by a newer schema. Opens it read-only, so the file is never changed.
 * `integrity` adds a full PRAGMA integrity_check (run where a previous run
 * died) and returns its verdict.
 */
export function inspectStore(path: string, o: { integrity?: boolean } = {}): { integrity: string | null } {
  if (!existsSync(path) || statSync(path).size === 0) return { integrity: null };
  truncation(path);
  let db: SqlDatabase | undefined;
  try {
    db = openDatabase(path, { readonly: true, fileMustExist: true });
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > STORE_SCHEMA_VERSION) {
      throw new MasldError(
        'E_STORE_DAMAGED',
        `${path} was written by a newer version of masld (store schema ${version}; this version reads up ` +
          `to ${STORE_SCHEMA_VERSION}). Nothing in it was changed. Use that version, or a new --out.`,
        { file: path },
      );
    }
    const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map((t) => t.name);
    for (const t of ['meta', 'cases', 'variants', 'calls']) if (!tables.includes(t)) throw damaged(path, `not an ai-masld store (no ${t} table)`);
    if (!o.integrity) return { integrity: null };
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    const verdict = rows.map((r) => r.integrity_check).join('; ');
    if (verdict !== 'ok') throw damaged(path, `integrity check failed: ${verdict.slice(0, 300)}`);
    return { integrity: verdict };
  } catch (err) {
    if (err instanceof MasldError) throw err;
    throw damaged(path, (err as Error).message);
  } finally {
    db?.close();
  }
}

/**
 * A file shorter than the pages its header declares has lost its tail. Only
 * judged without a write-ahead log (pages there may not be in the file yet)
 * and when the header's page count is valid (its change counter matches).
 */
function truncation(path: string): void {
  if (existsSync(`${path}-wal`) && statSync(`${path}-wal`).size > 0) return;
  const header = Buffer.alloc(100);
  const fd = openSync(path, 'r');
  let read: number;
  try {
    read = readSync(fd, header, 0, 100, 0);
  } finally {
    closeSync(fd);
  }
  if (read < 100 || header.toString('latin1', 0, 16) !== 'SQLite format 3\u0000') throw damaged(path, 'file is not a database');
  const raw = header.readUInt16BE(16);
  const pageSize = raw === 1 ? 65536 : raw;
  const pages = header.readUInt32BE(28);
  const valid = pages > 0 && header.readUInt32BE(24) === header.readUInt32BE(92);
  const size = statSync(path).size;
  if (valid && size < pages * pageSize) throw damaged(path, `truncated (${size} bytes; its header declares ${pages} pages of ${pageSize})`);
}
