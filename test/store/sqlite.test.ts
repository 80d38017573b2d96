import assert from 'node:assert/strict';
import { testCall } from '../support/calls.js';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { inspectStore } from '../../src/store/inspect.js';
import { SqliteStore } from '../../src/store/sqlite.js';
import { type CallRecord, callKey } from '../../src/store/types.js';
import { BACKEND_ENV, openDatabase, sqliteBackend } from '../../src/util/sqlite.js';
import { tempDir } from '../support/cli.js';

/**
 * The store's guarantees, on whichever back end this process uses: better-sqlite3
 * here on Node 20; test/store/backends.test.ts runs this file again under Node 22
 * with node:sqlite forced.
 */
const STORE_TS = fileURLToPath(new URL('../../src/store/sqlite.ts', import.meta.url));

const call = (variantId: string, over: Partial<CallRecord> = {}): CallRecord => testCall('m', variantId, over);

describe(`the store on ${sqliteBackend().name} (SQLite ${sqliteBackend().sqliteVersion})`, () => {
  it('is the back end asked for', () => {
    const forced = process.env[BACKEND_ENV];
    if (forced) assert.equal(sqliteBackend().name, forced);
    else assert.ok(['node:sqlite', 'better-sqlite3'].includes(sqliteBackend().name));
  });

  it('writes in WAL mode, one row per call key, read back as written', () => {
    const path = join(tempDir(), 'audit.sqlite');
    const store = new SqliteStore(path);
    store.saveCall(call('v1', { letterProbs: { A: 0.75, B: 0.25 } }));
    store.saveCall(call('v2', { status: 'failed', raw: null, finishReason: null, inputTokens: null, outputTokens: null, latencyMs: null, errors: ['503'] }));
    // A retried call replaces its row: the key (model, variant) is unique.
    store.saveCall(call('v2', { attempts: 3, mode: 'batch' }));
    const back = [...store.calls()];
    assert.deepEqual(
      back.map((c) => [c.variantId, c.status, c.attempts, c.mode, c.truncated, c.letterProbs]),
      [
        ['v1', 'ok', 1, 'live', false, { A: 0.75, B: 0.25 }],
        ['v2', 'ok', 3, 'batch', false, null],
      ],
    );
    assert.equal(back[0].latencyMs, 12.5);
    assert.deepEqual([...store.completedKeys()].sort(), [callKey('m', 'v1'), callKey('m', 'v2')].sort());
    assert.deepEqual(store.usageByModel(), [
      { modelId: 'm', mode: 'batch', inputTokens: 100, outputTokens: 7 },
      { modelId: 'm', mode: 'live', inputTokens: 100, outputTokens: 7 },
    ]);
    store.close();
    const db = openDatabase(path, { readonly: true });
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    assert.equal(db.pragma('user_version', { simple: true }), 3);
    const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as { name: string }[]).map((t) => t.name);
    assert.deepEqual(tables, ['batch_intents', 'batches', 'calls', 'cases', 'meta', 'variants']);
    db.close();
  });

  it('refuses a duplicate case or variant id, and a transaction that fails leaves nothing behind', () => {
    const db = openDatabase(join(tempDir(), 'u.sqlite'));
    db.exec(`CREATE TABLE cases (ord INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE)`);
    const insert = db.prepare(`INSERT INTO cases (ord, id) VALUES (?, ?)`);
    const all = db.transaction((ids: string[]) => {
      for (const [i, id] of ids.entries()) insert.run(i, id);
    });
    assert.throws(
      () => all(['a', 'b', 'a']),
      (e: Error & { code?: string }) => /^SQLITE_CONSTRAINT/.test(e.code ?? '') && /UNIQUE/.test(e.message),
    );
    assert.equal((db.prepare(`SELECT count(*) AS n FROM cases`).get() as { n: number }).n, 0);
    all(['a', 'b']);
    assert.deepEqual(db.prepare(`SELECT ord, id FROM cases ORDER BY ord`).raw(true).all(), [
      [0, 'a'],
      [1, 'b'],
    ]);
    db.close();
  });

  it('commits each call as it is saved: a process killed right after keeps it', async () => {
    const path = join(tempDir(), 'audit.sqlite');
    const code = `import { SqliteStore } from ${JSON.stringify(STORE_TS)};
const s = new SqliteStore(${JSON.stringify(path)});
for (const v of ['v1', 'v2'])
  s.saveCall({ modelId: 'm', variantId: v, status: 'ok', raw: 'A', truncated: false, finishReason: null,
    inputTokens: 1, outputTokens: 1, latencyMs: 1, attempts: 1, errors: [], finishedAt: 'now' });
process.stdout.write('saved\\n'); setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (c) => reject(new Error(`the writer exited (${c}) before saving`)));
      child.stdout!.once('data', () => resolve());
    });
    child.removeAllListeners('exit');
    await new Promise((done) => {
      child.once('exit', done);
      child.kill('SIGKILL');
    });
    inspectStore(path, { integrity: true });
    const store = new SqliteStore(path, { readOnly: true });
    assert.deepEqual([...store.completedKeys()].sort(), [callKey('m', 'v1'), callKey('m', 'v2')]);
    store.close();
  });

  it('refuses a damaged store before opening it for writing', () => {
    const dir = tempDir();
    const junk = join(dir, 'junk.sqlite');
    writeFileSync(junk, 'this is not a database, only some text long enough to have a header..........................................');
    assert.throws(
      () => inspectStore(junk),
      (e: Error & { code?: string }) => e.code === 'E_STORE_DAMAGED' && /file is not a database/.test(e.message),
    );
    const other = join(dir, 'other.sqlite');
    const db = openDatabase(other);
    db.exec(`CREATE TABLE t (x)`);
    db.close();
    assert.throws(() => inspectStore(other), /not an ai-masld store \(no meta table\)/);
  });
});
