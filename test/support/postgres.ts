import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { promisify } from 'node:util';
import { sanitiseConfig } from '../../src/audit/fingerprint.js';
import { resolveAudit } from '../../src/audit/resolve.js';
import type { Case } from '../../src/cases/types.js';
import type { SharedStore } from '../../src/store/shared.js';
import { SqliteStore } from '../../src/store/sqlite.js';
import type { RunMetaInput, StoredCall } from '../../src/store/types.js';
import type { Variant } from '../../src/variants/types.js';
import { type Need, needs, which } from './needs.js';

/** A throwaway PostgreSQL cluster on 127.0.0.1, for one test file. */
export interface TestPostgres {
  /** postgres://postgres:PASSWORD@127.0.0.1:PORT/postgres (password authentication over TCP). */
  url: string;
  password: string;
  /** A new empty database on the cluster, and its URL. */
  database(name: string): Promise<string>;
  /** A clean (fast) shutdown, `downMs` with the server away, and a start: committed data is kept. */
  restart(downMs?: number): Promise<void>;
  stop(): Promise<void>;
}

const run = promisify(execFile);
const PASSWORD = 'pw-s3cret-Zq9';

/** initdb and pg_ctl of one installation: on PATH, else Debian's newest /usr/lib/postgresql/N/bin. */
function binDir(): string | null {
  const initdb = which('initdb');
  // /usr/local/bin/initdb may be a link into Debian's folder, which also holds psql.
  if (initdb && which('pg_ctl')) return join(realpathSync(initdb), '..');
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'pg_ctl')) && existsSync(join(root, v, 'bin', 'initdb')));
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  return newest ? join(root, newest, 'bin') : null;
}

const BIN = binDir();
const POSTGRES: Need & { path: string } = {
  path: BIN ? join(BIN, 'initdb') : '(initdb and pg_ctl: not on PATH, nor under /usr/lib/postgresql/*/bin)',
  what: 'PostgreSQL (apt-get install postgresql)',
};

/** The skip reason of a test that needs PostgreSQL, or false (under CI a missing server fails, as needs() does). */
export const postgresMissing = (): string | false => needs(POSTGRES);

const asRoot = process.getuid?.() === 0;

/** Clusters still running; registered at import, so this after() runs once the file's tests have finished, failed or not. */
const running = new Set<() => Promise<void>>();
after(async () => {
  for (const stop of running) await stop();
});

/** Runs a PostgreSQL program; as root, as the postgres user (the server refuses to run as root). */
function pgRun(program: string, args: string[]): Promise<{ stdout: string; stderr: string }> {
  const bin = join(BIN!, program);
  return asRoot ? run('runuser', ['-u', 'postgres', '--', bin, ...args]) : run(bin, args);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/**
 * initdb into a temp folder and starts the server on a free port, its socket in
 * the folder. fsync is off: a clean shutdown (restart) still keeps every commit;
 * only a machine crash would lose them. Stopped after the file's tests
 * even when stop() is not called.
 */
export async function startPostgres(): Promise<TestPostgres> {
  if (!BIN) throw new Error(`no PostgreSQL: ${POSTGRES.path}`);
  const root = mkdtempSync(join(tmpdir(), 'masld-pg-'));
  const data = join(root, 'data');
  const socket = join(root, 'socket');
  const log = join(root, 'server.log');
  mkdirSync(socket);
  writeFileSync(join(root, 'pw'), PASSWORD);
  if (asRoot) for (const p of [root, socket, join(root, 'pw')]) chownSync(p, uid('postgres'), gid('postgres'));
  let started = false;
  const port = await freePort();
  const opts = `-p ${port} -k ${socket} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=60`;
  const start = async () => {
    await pgRun('pg_ctl', ['start', '-w', '-t', '30', '-D', data, '-l', log, '-o', opts]);
    started = true;
  };
  const halt = async (mode: string) => {
    if (!started) return;
    started = false;
    await pgRun('pg_ctl', ['stop', '-w', '-t', '30', '-m', mode, '-D', data]);
  };
  const stop = async () => {
    running.delete(stop);
    await halt('immediate').catch(() => {});
    rmSync(root, { recursive: true, force: true, maxRetries: 3 });
  };
  running.add(stop);
  try {
    const init = ['-D', data, '-U', 'postgres', '-E', 'UTF8', '--no-locale', '--no-sync', '--auth-local=trust', '--auth-host=scram-sha-256'];
    await pgRun('initdb', [...init, `--pwfile=${join(root, 'pw')}`]);
    await start();
  } catch (err) {
    await stop();
    throw err;
  }
  const url = (db: string) => `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/${db}`;
  return {
    url: url('postgres'),
    password: PASSWORD,
    async database(name) {
      await pgRun('psql', ['-h', socket, '-p', String(port), '-U', 'postgres', '-d', 'postgres', '-qc', `CREATE DATABASE "${name}"`]);
      return url(name);
    },
    async restart(downMs = 0) {
      await halt('fast');
      await new Promise((r) => setTimeout(r, downMs));
      await start();
    },
    stop,
  };
}

const uid = (user: string) => Number(execFileSync('id', ['-u', user], { encoding: 'utf8' }).trim());
const gid = (user: string) => Number(execFileSync('id', ['-g', user], { encoding: 'utf8' }).trim());

export { testCall } from './calls.js';

/** Meta, cases and variants of a run of the control panel on `limit` bank cases, as audit.ts builds them. */
export function smallRun(limit = 3): { meta: RunMetaInput; cases: Case[]; variants: Variant[] } {
  const spec = resolveAudit({ limit, models: ['control:resilient'] });
  const meta: RunMetaInput = {
    fingerprint: 'f'.repeat(64),
    toolVersion: '0.2.0',
    createdAt: '2026-01-01T00:00:00.000Z',
    config: sanitiseConfig(spec.config, spec.models, { probes: spec.probeNames, counterfactuals: spec.counterfactuals }),
    cases: { count: limit, source: spec.caseSet.source, sha256: spec.caseSet.sha256, format: spec.caseSet.format, skipped: 0 },
    exclusions: spec.variantSet.exclusions,
    probeExclusions: spec.variantSet.probeExclusions,
    variantCheck: spec.screen,
    variantSet: spec.variantSource,
  };
  return { meta, cases: [...spec.caseSet.cases], variants: [...spec.variantSet.variants] };
}

/** A run's calls as stored, read back through an export (SQLite is what reads whole calls). */
export async function exportedCalls(store: SharedStore, runId: string): Promise<StoredCall[]> {
  const dir = mkdtempSync(join(tmpdir(), 'masld-pg-export-'));
  try {
    await store.exportRun(runId, join(dir, 'run.sqlite'));
    const local = new SqliteStore(join(dir, 'run.sqlite'), { readOnly: true });
    const calls = [...local.calls()];
    local.close();
    return calls;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
