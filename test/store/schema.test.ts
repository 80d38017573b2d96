import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { inspectStore, STORE_SCHEMA_VERSION } from '../../src/store/inspect.js';
import { SqliteStore } from '../../src/store/sqlite.js';
import { tempDir } from '../support/cli.js';
import { openDatabase } from '../../src/util/sqlite.js';

/** The layout of store schema 1, as 0.2 wrote it: no call mode, no batches table. */
function schema1Store(path: string): void {
  const db = openDatabase(path);
  db.exec(`CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE cases (ord INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, json TEXT NOT NULL);
CREATE TABLE variants (ord INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, case_id TEXT NOT NULL, condition TEXT NOT NULL,
  cf_attribute TEXT, cf_value TEXT, narrative TEXT NOT NULL, question TEXT NOT NULL, options TEXT NOT NULL, answer TEXT NOT NULL, provenance TEXT NOT NULL);
CREATE TABLE calls (model_id TEXT NOT NULL, variant_id TEXT NOT NULL, status TEXT NOT NULL, raw TEXT, truncated INTEGER NOT NULL,
  finish_reason TEXT, input_tokens INTEGER, output_tokens INTEGER, latency_ms REAL, attempts INTEGER NOT NULL,
  errors TEXT NOT NULL, finished_at TEXT NOT NULL, parsed_letter TEXT, parse_method TEXT, letter_probs TEXT, PRIMARY KEY (model_id, variant_id));
INSERT INTO calls VALUES ('m', 'v1', 'ok', 'A', 0, 'stop', 100, 10, 5, 1, '[]', '2026-01-01T00:00:00Z', NULL, NULL, NULL);
PRAGMA user_version = 1;`);
  db.close();
}

/** The layout of store schema 2, as 0.2 with batches wrote it: a batches table without tokens, no intents. */
function schema2Store(path: string): void {
  schema1Store(path);
  const db = openDatabase(path);
  db.exec(`ALTER TABLE calls ADD COLUMN mode TEXT NOT NULL DEFAULT 'live';
CREATE TABLE batches (id TEXT PRIMARY KEY, model_id TEXT NOT NULL, round INTEGER NOT NULL, items TEXT NOT NULL,
  state TEXT NOT NULL, created_at TEXT NOT NULL, ended_at TEXT);
INSERT INTO batches VALUES ('batch_old', 'm', 0, '{"r0-0":"v2"}', 'open', '2026-01-01T00:00:00Z', NULL);
PRAGMA user_version = 2;`);
  db.close();
}

describe('store schema', () => {
  it('upgrades a schema-2 store to 3 when it is written: its open batch is kept (without a token), batches gain tokens, intents are recorded', () => {
    const path = join(tempDir(), 'audit.sqlite');
    schema2Store(path);
    inspectStore(path);
    const store = new SqliteStore(path);
    assert.deepEqual(store.openBatches('m'), [{ id: 'batch_old', modelId: 'm', round: 0, items: { 'r0-0': 'v2' }, createdAt: '2026-01-01T00:00:00Z' }]);
    const intent = { token: 'b0123456789abcdef', modelId: 'm', round: 0, items: { 'b0123456789abcdef-0': 'v3' }, createdAt: '2026-01-02T00:00:00Z' };
    store.saveBatchIntent(intent);
    assert.deepEqual(store.batchIntents('m'), [intent]);
    assert.deepEqual(store.batchIntents('other'), []);
    // The batch replaces its intent in one step.
    store.saveBatch({ id: 'batch_new', modelId: 'm', round: 0, items: intent.items, createdAt: intent.createdAt, token: intent.token });
    assert.deepEqual(store.batchIntents('m'), []);
    assert.deepEqual(
      store.openBatches('m').map((b) => [b.id, b.token]),
      [
        ['batch_old', undefined],
        ['batch_new', 'b0123456789abcdef'],
      ],
    );
    store.disownBatch('batch_new');
    assert.deepEqual(
      store.openBatches('m').map((b) => b.id),
      ['batch_old'],
      'a disowned batch is not polled again',
    );
    assert.deepEqual([...store.knownBatchIds()].sort(), ['batch_new', 'batch_old'], 'but it stays known, so no lookup takes it again');
    store.saveBatchIntent({ ...intent, token: 'bfff' });
    store.dropBatchIntent('bfff');
    assert.deepEqual(store.batchIntents('m'), []);
    store.close();
    const db = openDatabase(path, { readonly: true });
    assert.equal(db.pragma('user_version', { simple: true }), 3);
    db.close();
  });

  it('reads a schema-1 store (its calls were live) and upgrades it when it is written', () => {
    const path = join(tempDir(), 'audit.sqlite');
    schema1Store(path);
    inspectStore(path);
    const reader = new SqliteStore(path, { readOnly: true });
    assert.deepEqual(
      [...reader.calls()].map((c) => c.mode),
      ['live'],
    );
    assert.deepEqual(reader.usageByModel(), [{ modelId: 'm', mode: 'live', inputTokens: 100, outputTokens: 10 }]);
    reader.close();
    const writer = new SqliteStore(path);
    writer.saveBatch({ id: 'b1', modelId: 'm', round: 0, items: { x: 'v2' }, createdAt: '2026-01-01T00:00:00Z' });
    assert.deepEqual(
      writer.openBatches('m').map((b) => b.items),
      [{ x: 'v2' }],
    );
    writer.importBatch('b1', []);
    assert.deepEqual(writer.openBatches('m'), []);
    writer.close();
    const db = openDatabase(path, { readonly: true });
    assert.equal(db.pragma('user_version', { simple: true }), STORE_SCHEMA_VERSION);
    db.close();
  });

  it('refuses a store of a newer schema, changing nothing', () => {
    const path = join(tempDir(), 'audit.sqlite');
    schema1Store(path);
    const db = openDatabase(path);
    db.pragma(`user_version = ${STORE_SCHEMA_VERSION + 1}`);
    db.close();
    assert.throws(() => inspectStore(path), /newer version of masld/);
  });
});
