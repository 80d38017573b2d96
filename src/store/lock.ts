import { readFileSync, unlinkSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { inputError } from '../errors.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { openDatabase } from '../util/sqlite.js';

/** The lock itself: a small SQLite file whose exclusive lock the kernel drops when its holder dies. */
export const LOCK_DB = '.masld.lock.sqlite';
/** Who holds it, for the message only: it never decides. */
export const LOCK_INFO = '.masld.lock';

export interface Holder {
  pid: number;
  host: string;
  startedAt: string;
  command: string;
}

/**
 * One writer per output folder. The lock is an exclusive SQLite (fcntl) lock
 * on `.masld.lock.sqlite`, held by an open connection in exclusive locking
 * mode: the operating system releases it when the process ends, however it
 * ends (SIGKILL included), so it is never stale, whatever pids are reused.
 * The lock database is never deleted: a process that opened it just before
 * an unlink would lock an orphaned file while a third locked a new one.
 */
export interface Lock {
  (): void;
  /** The holder recorded by a previous process that died holding the folder (its information file was left behind). */
  previous: Holder | null;
}

export function acquireLock(dir: string): Lock {
  const db = openDatabase(join(dir, LOCK_DB), { timeoutMs: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    // The first write takes the exclusive lock; in exclusive mode it is kept until the connection closes.
    db.exec('BEGIN EXCLUSIVE; CREATE TABLE IF NOT EXISTS lock (id INTEGER PRIMARY KEY); COMMIT;');
  } catch (err) {
    db.close();
    if ((err as { code?: string }).code !== 'SQLITE_BUSY') throw err;
    const h = holder(dir);
    const who = h ? `another masld process (pid ${h.pid} on ${h.host}, started ${h.startedAt}: ${h.command})` : 'another masld process';
    throw inputError('E_LOCKED', `${who} is writing to this folder. Wait for it to finish, stop it, or choose another --out.`, { file: dir });
  }
  // We hold the lock, so a holder still on record died without releasing it.
  const previous = holder(dir);
  const info: Holder = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString(), command: process.argv.slice(2).join(' ') };
  writeFileAtomic(join(dir, LOCK_INFO), `${JSON.stringify(info)}\n`);
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    try {
      unlinkSync(join(dir, LOCK_INFO));
    } catch {
      /* already gone */
    }
    db.close();
  };
  return Object.assign(release, { previous });
}

function holder(dir: string): Holder | null {
  try {
    const h = JSON.parse(readFileSync(join(dir, LOCK_INFO), 'utf8')) as Holder;
    return typeof h.pid === 'number' ? h : null;
  } catch {
    return null;
  }
}
