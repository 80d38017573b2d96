import type pg from 'pg';
import { MasldError } from '../../errors.js';
import { passwordOf, redactUrl } from './url.js';

/** How long a lost connection is retried before the store gives up (a Postgres restart takes a few seconds). */
export const DEFAULT_RETRY_MS = 60_000;
/** A store never reached yet is more likely a wrong URL or a server not started: said after a few seconds, not a minute. */
const FIRST_CONTACT_MS = 5_000;

export interface PgOptions {
  /** How long an operation keeps retrying a lost connection, in ms (default 60 s). */
  retryMs?: number;
}

/** A pool and the retry rule every operation of the store goes through. */
export interface Connection {
  pool: pg.Pool;
  /** The URL without its password, for messages. */
  shown: string;
  /** Runs `fn` again (on a fresh connection) while the server is unreachable, for up to retryMs. */
  retry<T>(fn: () => Promise<T>): Promise<T>;
  /** `fn` inside BEGIN … COMMIT on one client, retried as a whole. */
  transaction<T>(fn: (c: pg.PoolClient) => Promise<T>, begin?: string): Promise<T>;
}

// Node's socket errors that a server coming back cures; ENOTFOUND is a wrong host name, never retried.
const NET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
// 57P01 admin shutdown, 57P02 crash shutdown, 57P03 starting up, 53300 too many connections; class 08: connection
// exceptions, but for 08P01 (a protocol violation: the statement itself is wrong, and will be wrong again).
const PG_CODES = new Set(['57P01', '57P02', '57P03', '53300']);
const DRIVER_TEXT = /Connection terminated|not queryable|timeout exceeded when trying to connect|Client was closed/i;

/** Whether an error means the connection, not the statement, failed: the same statement may succeed on a new one. */
function isConnectionError(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | null;
  if (!e || typeof e !== 'object') return false;
  const code = typeof e.code === 'string' ? e.code : '';
  if (NET_CODES.has(code) || PG_CODES.has(code) || (code.startsWith('08') && code !== '08P01')) return true;
  return typeof e.message === 'string' && DRIVER_TEXT.test(e.message);
}

/** A driver's error as a typed one that names the store without its password (and never quotes the password). */
function unreachable(url: string, err: unknown, waitedMs: number): MasldError {
  const secret = passwordOf(url);
  let why = err instanceof Error ? err.message : String(err);
  if (secret) why = why.split(secret).join('***');
  const waited = waitedMs > 0 ? ` after retrying for ${(waitedMs / 1000).toFixed(1)} s` : '';
  return new MasldError('E_STORE_UNREACHABLE', `the shared store ${redactUrl(url)} cannot be used${waited}: ${why}`, {}, { cause: err });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function connect(url: string, o: PgOptions = {}): Promise<Connection> {
  // Imported here, not at the top: a bundle hoists a static import of an external package, and pg would load on every start.
  const { default: driver } = await import('pg');
  const retryMs = o.retryMs ?? DEFAULT_RETRY_MS;
  const pool = new driver.Pool({ connectionString: url, max: 8, connectionTimeoutMillis: 5_000, keepAlive: true });
  // An idle client whose server went away emits 'error'; unheard, it would end the process. The next use reconnects.
  pool.on('error', () => {});
  const shown = redactUrl(url);
  const heard = new WeakSet<pg.PoolClient>();

  let reached = false;
  async function retry<T>(fn: () => Promise<T>): Promise<T> {
    const start = Date.now();
    for (let delay = 50; ; delay = Math.min(delay * 2, 1_000)) {
      const limit = reached ? retryMs : Math.min(retryMs, FIRST_CONTACT_MS);
      try {
        const out = await fn();
        reached = true;
        return out;
      } catch (err) {
        if (err instanceof MasldError) throw err;
        const waited = Date.now() - start;
        if (!isConnectionError(err)) throw unreachableOrRaw(url, err);
        if (waited >= limit) throw unreachable(url, err, waited);
        await sleep(Math.min(delay * (0.5 + Math.random()), limit - waited));
      }
    }
  }

  async function transaction<T>(fn: (c: pg.PoolClient) => Promise<T>, begin = 'BEGIN'): Promise<T> {
    return retry(async () => {
      const client = await pool.connect();
      // While checked out the pool does not listen: a server shutdown must not become an unhandled 'error' (once per client).
      if (!heard.has(client)) client.on('error', () => {});
      heard.add(client);
      let failed: unknown;
      try {
        await client.query(begin);
        const out = await fn(client);
        await client.query('COMMIT');
        return out;
      } catch (err) {
        failed = err;
        await client.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        // A client that saw a connection error is dropped, not reused.
        client.release(isConnectionError(failed) ? (failed as Error) : undefined);
      }
    });
  }

  return { pool, shown, retry, transaction };
}

/** Refusals at connect time (bad password, no such database, unknown host) are typed; a statement's own error is passed on. */
function unreachableOrRaw(url: string, err: unknown): unknown {
  const code = (err as { code?: unknown })?.code;
  const atConnect = typeof code === 'string' && (code.startsWith('28') || code === '3D000' || code === 'ENOTFOUND');
  return atConnect ? unreachable(url, err, 0) : err;
}
