import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { inspectStore, STORE_SCHEMA_VERSION } from '../../src/store/inspect.js';
import { SqliteStore } from '../../src/store/sqlite.js';
import { tempDir } from '../support/cli.js';

/** The layout of store schema 1, as 0.2 wrote it: no call mode, no batches table. */
function schema1Store(path: string): void {
  const db = new Database(path);
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

describe('store schema', () => {
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
    const db = new Database(path, { readonly: true });
    assert.equal(db.pragma('user_version', { simple: true }), STORE_SCHEMA_VERSION);
    db.close();
  });

  it('refuses a store of a newer schema, changing nothing', () => {
    const path = join(tempDir(), 'audit.sqlite');
    schema1Store(path);
    const db = new Database(path);
    db.pragma(`user_version = ${STORE_SCHEMA_VERSION + 1}`);
    db.close();
    assert.throws(() => inspectStore(path), /newer version of masld/);
  });
});
