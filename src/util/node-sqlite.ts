import { existsSync } from 'node:fs';
import type { OpenOptions, SqlDatabase, SqlStatement } from './sqlite.js';

/** The part of node:sqlite used here (@types/node 20 does not describe it). */
interface NodeStatement {
  run(...params: unknown[]): unknown;
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
  iterate(...params: unknown[]): IterableIterator<unknown>;
  setReturnArrays?(on: boolean): void;
  setAllowUnknownNamedParameters?(on: boolean): void;
}
interface NodeDatabase {
  prepare(sql: string): NodeStatement;
  exec(sql: string): void;
  close(): void;
  readonly isTransaction?: boolean;
}
export interface NodeSqliteModule {
  DatabaseSync: new (path: string, o?: { readOnly?: boolean; timeout?: number }) => NodeDatabase;
  StatementSync: { prototype: Partial<NodeStatement> };
}

/**
 * node:sqlite, loaded without its ExperimentalWarning (a CLI's stderr is read
 * by people and scripts). Throws `need` when the runtime lacks it, or lacks
 * StatementSync.iterate (before Node 22.13 it also needed a flag).
 */
export function loadNodeSqlite(need: string): NodeSqliteModule {
  const get = (process as { getBuiltinModule?: (id: string) => unknown }).getBuiltinModule;
  const emit = process.emitWarning;
  let mod: NodeSqliteModule | undefined;
  process.emitWarning = ((w: string | Error, ...rest: unknown[]) => {
    const text = typeof w === 'string' ? w : w.message;
    if (!/SQLite is an experimental feature/.test(text)) (emit as (...a: unknown[]) => void).call(process, w, ...rest);
  }) as typeof process.emitWarning;
  try {
    mod = get?.call(process, 'node:sqlite') as NodeSqliteModule | undefined;
  } catch {
    mod = undefined;
  } finally {
    process.emitWarning = emit;
  }
  if (!mod?.DatabaseSync || typeof mod.StatementSync?.prototype?.iterate !== 'function') {
    throw new Error(`Node ${process.versions.node} has no usable node:sqlite (${need})`);
  }
  return mod;
}

/** SQLite's primary result codes, named as better-sqlite3 names them, so callers test `code` alike on both back ends. */
const CODES: Record<number, string> = {
  1: 'SQLITE_ERROR',
  5: 'SQLITE_BUSY',
  6: 'SQLITE_LOCKED',
  8: 'SQLITE_READONLY',
  10: 'SQLITE_IOERR',
  11: 'SQLITE_CORRUPT',
  13: 'SQLITE_FULL',
  14: 'SQLITE_CANTOPEN',
  19: 'SQLITE_CONSTRAINT',
  26: 'SQLITE_NOTADB',
};

function translated(err: unknown): unknown {
  const e = err as { code?: string; errcode?: number };
  if (e && e.code === 'ERR_SQLITE_ERROR' && typeof e.errcode === 'number') e.code = CODES[e.errcode & 0xff] ?? `SQLITE_${e.errcode}`;
  return err;
}

function guard<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw translated(err);
  }
}

/** node:sqlite binds neither undefined nor booleans, and refuses names the statement lacks; better-sqlite3 takes all three. */
function bindable(params: unknown[], names: readonly string[] | null): unknown[] {
  return params.map((p) => {
    if (p === undefined) return null;
    if (typeof p === 'boolean') return p ? 1 : 0;
    if (p === null || typeof p !== 'object' || ArrayBuffer.isView(p)) return p;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(p)) {
      if (names && !names.includes(k)) continue;
      out[k] = v === undefined ? null : typeof v === 'boolean' ? (v ? 1 : 0) : v;
    }
    return out;
  });
}

/** node:sqlite rows have a null prototype; better-sqlite3's are plain objects (deepStrictEqual tells them apart). */
const plain = (row: unknown) => (row && typeof row === 'object' && !Array.isArray(row) ? { ...row } : row);

class Statement implements SqlStatement {
  private rawRows = false;
  /** The named parameters, where the statement's version of node:sqlite cannot be told to ignore unknown ones. */
  private readonly names: readonly string[] | null;
  constructor(
    private readonly st: NodeStatement,
    sql: string,
  ) {
    if (st.setAllowUnknownNamedParameters) {
      st.setAllowUnknownNamedParameters(true);
      this.names = null;
    } else {
      this.names = [...sql.matchAll(/[@:$]([A-Za-z_]\w*)/g)].map((m) => m[1]);
    }
  }
  run(...params: unknown[]): unknown {
    return guard(() => this.st.run(...bindable(params, this.names)));
  }
  get(...params: unknown[]): unknown {
    const row = guard(() => this.st.get(...bindable(params, this.names)));
    return this.rawRows ? row && Object.values(row as object) : plain(row);
  }
  all(...params: unknown[]): unknown[] {
    const rows = guard(() => this.st.all(...bindable(params, this.names)));
    return this.rawRows ? rows.map((r) => Object.values(r as object)) : rows.map(plain);
  }
  *iterate(...params: unknown[]): IterableIterator<unknown> {
    const it = guard(() => this.st.iterate(...bindable(params, this.names)));
    const arrays = this.rawRows && !!this.st.setReturnArrays;
    while (true) {
      const n = guard(() => it.next());
      if (n.done) return;
      yield arrays ? n.value : this.rawRows ? Object.values(n.value as object) : plain(n.value);
    }
  }
  raw(on = true): SqlStatement {
    this.rawRows = on;
    this.st.setReturnArrays?.(on);
    return this;
  }
}

class Database implements SqlDatabase {
  private savepoints = 0;
  constructor(private readonly db: NodeDatabase) {}
  prepare(sql: string): SqlStatement {
    return new Statement(
      guard(() => this.db.prepare(sql)),
      sql,
    );
  }
  exec(sql: string): void {
    guard(() => this.db.exec(sql));
  }
  pragma(sql: string, o: { simple?: boolean } = {}): unknown {
    const st = this.prepare(`PRAGMA ${sql}`);
    if (!o.simple) return st.all();
    const row = st.get() as Record<string, unknown> | undefined;
    return row ? Object.values(row)[0] : undefined;
  }
  private inTransaction(): boolean {
    if (this.db.isTransaction !== undefined) return this.db.isTransaction;
    // Versions without isTransaction: BEGIN itself says so.
    try {
      this.db.exec('BEGIN');
      this.db.exec('ROLLBACK');
      return false;
    } catch {
      return true;
    }
  }
  transaction<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
    return (...args: A): R => {
      const nested = this.inTransaction();
      const sp = `masld_sp${++this.savepoints}`;
      this.exec(nested ? `SAVEPOINT ${sp}` : 'BEGIN');
      let result: R;
      try {
        result = fn(...args);
      } catch (err) {
        // SQLite may have rolled back already (a full disk): then there is nothing left to undo.
        try {
          this.exec(nested ? `ROLLBACK TO ${sp}; RELEASE ${sp}` : 'ROLLBACK');
        } catch {
          /* already rolled back */
        }
        throw err;
      } finally {
        this.savepoints--;
      }
      this.exec(nested ? `RELEASE ${sp}` : 'COMMIT');
      return result;
    };
  }
  close(): void {
    guard(() => this.db.close());
  }
}

export function nodeSqliteDatabase(mod: NodeSqliteModule, path: string, o: OpenOptions): SqlDatabase {
  // node:sqlite has no fileMustExist; a read-only open of a missing file fails anyway, with the same message.
  if (o.fileMustExist && path !== ':memory:' && !existsSync(path)) {
    throw Object.assign(new Error('unable to open database file'), { code: 'SQLITE_CANTOPEN' });
  }
  const db = new Database(guard(() => new mod.DatabaseSync(path, o.readonly ? { readOnly: true } : {})));
  db.exec(`PRAGMA busy_timeout = ${Math.max(0, Math.floor(o.timeoutMs ?? 5000))}`);
  return db;
}
