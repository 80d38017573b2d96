import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';
import { inputError, MasldError } from '../errors.js';
import { loadNodeSqlite, nodeSqliteDatabase, type NodeSqliteModule } from './node-sqlite.js';

/**
 * The part of SQLite the store, the lock and the retelling cache use, in
 * better-sqlite3's shape. better-sqlite3's own objects are handed out as they
 * are (no wrapper, so no cost per call on Node 20); node:sqlite's are wrapped
 * to the same shape (util/node-sqlite.ts).
 */
export interface SqlStatement {
  run(...params: unknown[]): unknown;
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
  iterate(...params: unknown[]): IterableIterator<unknown>;
  /** Rows as arrays of column values, in the query's order. */
  raw(on?: boolean): SqlStatement;
}

export interface SqlDatabase {
  prepare(sql: string): SqlStatement;
  exec(sql: string): unknown;
  /** `PRAGMA sql`: every row, or with `simple` the first column of the first row. */
  pragma(sql: string, o?: { simple?: boolean }): unknown;
  /** `fn` wrapped in BEGIN … COMMIT (a savepoint inside an open transaction); an exception rolls it back. */
  transaction<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R;
  close(): unknown;
}

export interface OpenOptions {
  readonly?: boolean;
  /** Fail when the file does not exist instead of creating it. */
  fileMustExist?: boolean;
  /** How long a statement waits for another connection's lock (default 5000 ms). */
  timeoutMs?: number;
}

export type SqliteBackendName = 'node:sqlite' | 'better-sqlite3';
export const SQLITE_BACKENDS: readonly SqliteBackendName[] = ['node:sqlite', 'better-sqlite3'];

export interface SqliteBackend {
  name: SqliteBackendName;
  /** The SQLite library's version (`select sqlite_version()`). */
  sqliteVersion: string;
  open(path: string, o?: OpenOptions): SqlDatabase;
}

/** Forces a back end (`node:sqlite` or `better-sqlite3`); unset, node:sqlite is used where the runtime has it. */
export const BACKEND_ENV = 'MASLD_SQLITE';

const NODE_SQLITE_NEED = 'Node ≥ 22.13, where node:sqlite needs no flag';
const BETTER_NEED = 'better-sqlite3 12.11.1 installed with its install script allowed (npm install -E better-sqlite3@12.11.1)';

/** Whether a back end can open a database here, or why not. */
export function probeBackend(name: SqliteBackendName): { backend: SqliteBackend } | { problem: string } {
  try {
    const backend = name === 'node:sqlite' ? nodeBackend() : betterBackend();
    return { backend };
  } catch (err) {
    return { problem: (err as Error).message.split('\n')[0] };
  }
}

let chosen: SqliteBackend | undefined;

/** The back end this process uses: chosen once, on first use. */
export function sqliteBackend(): SqliteBackend {
  if (chosen) return chosen;
  const forced = process.env[BACKEND_ENV];
  if (forced) {
    if (!SQLITE_BACKENDS.includes(forced as SqliteBackendName)) {
      throw inputError('E_ENV', `${BACKEND_ENV}=${forced} names no SQLite back end; use ${SQLITE_BACKENDS.join(' or ')}, or unset it`);
    }
    const r = probeBackend(forced as SqliteBackendName);
    if ('problem' in r) throw noSqlite(`${BACKEND_ENV}=${forced} asks for ${forced}, which cannot be used here: ${r.problem}`);
    chosen = r.backend;
    return chosen;
  }
  const problems: string[] = [];
  for (const name of SQLITE_BACKENDS) {
    const r = probeBackend(name);
    if ('backend' in r) {
      chosen = r.backend;
      return chosen;
    }
    problems.push(`${name}: ${r.problem}`);
  }
  throw noSqlite(`no SQLite back end is available (${problems.join('; ')})`);
}

function noSqlite(why: string): MasldError {
  return new MasldError('E_NO_SQLITE', `${why}. The store needs one of: ${NODE_SQLITE_NEED}; or ${BETTER_NEED}. \`masld doctor\` checks the set-up.`);
}

/** Opens a database with the process's back end. */
export function openDatabase(path: string, o: OpenOptions = {}): SqlDatabase {
  return sqliteBackend().open(path, o);
}

const sqliteVersionOf = (db: SqlDatabase) => (db.prepare('select sqlite_version() AS v').get() as { v: string }).v;

function nodeBackend(): SqliteBackend {
  const mod: NodeSqliteModule = loadNodeSqlite(NODE_SQLITE_NEED);
  const open = (path: string, o: OpenOptions = {}): SqlDatabase => nodeSqliteDatabase(mod, path, o);
  const probe = open(':memory:');
  const sqliteVersion = sqliteVersionOf(probe);
  probe.close();
  return { name: 'node:sqlite', sqliteVersion, open };
}

function betterBackend(): SqliteBackend {
  let Database: typeof BetterSqlite3;
  try {
    Database = createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;
  } catch {
    throw new Error('better-sqlite3 is not installed');
  }
  const open = (path: string, o: OpenOptions = {}): SqlDatabase => {
    const db = new Database(path, { readonly: o.readonly ?? false, fileMustExist: o.fileMustExist ?? false, timeout: o.timeoutMs ?? 5000 });
    return db as unknown as SqlDatabase;
  };
  let probe: SqlDatabase;
  try {
    // The native binding loads on the first open: a package whose install script did not run fails here.
    probe = open(':memory:');
  } catch (err) {
    throw new Error(
      'better-sqlite3 is installed but its native binding does not load: its install script was blocked or failed; ' +
        `allow it and run \`npm rebuild better-sqlite3\` (${(err as Error).message.split('\n')[0]})`,
    );
  }
  const sqliteVersion = sqliteVersionOf(probe);
  probe.close();
  return { name: 'better-sqlite3', sqliteVersion, open };
}
