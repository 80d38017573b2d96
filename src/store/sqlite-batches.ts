import type { SqlDatabase } from '../util/sqlite.js';
import type { BatchIntent, BatchRecord, ModelUsage } from './types.js';

/**
 * Batches submitted to a provider's batch API: kept until their results are
 * imported, so a resume polls them instead of paying again. `state` is open,
 * imported, or foreign (found by size and time for an intent, but its custom
 * ids did not carry the intent's token: never imported). `token` is null on
 * batches submitted before store schema 3.
 */
export const BATCHES_TABLE = `CREATE TABLE IF NOT EXISTS batches (
  id TEXT PRIMARY KEY, model_id TEXT NOT NULL, round INTEGER NOT NULL, items TEXT NOT NULL,
  state TEXT NOT NULL, created_at TEXT NOT NULL, ended_at TEXT, token TEXT
);`;

/**
 * Batches about to be created: stored before the create request leaves, and
 * replaced by the batch once the provider returns its id. One left behind by
 * a kill is looked up at the provider by its token before anything is sent again.
 */
export const BATCH_INTENTS_TABLE = `CREATE TABLE IF NOT EXISTS batch_intents (
  token TEXT PRIMARY KEY, model_id TEXT NOT NULL, round INTEGER NOT NULL, items TEXT NOT NULL, created_at TEXT NOT NULL
);`;

/** Store schema 2 had no batch tokens: its batches gain the column. */
export function migrateBatches(db: SqlDatabase): void {
  const columns = (db.prepare(`PRAGMA table_info(batches)`).all() as { name: string }[]).map((c) => c.name);
  if (!columns.includes('token')) db.exec(`ALTER TABLE batches ADD COLUMN token TEXT`);
}

export function saveBatchIntent(db: SqlDatabase, i: BatchIntent): void {
  db.prepare(`INSERT INTO batch_intents (token, model_id, round, items, created_at) VALUES (?, ?, ?, ?, ?)`).run(
    i.token,
    i.modelId,
    i.round,
    JSON.stringify(i.items),
    i.createdAt,
  );
}

export function batchIntents(db: SqlDatabase, modelId: string): BatchIntent[] {
  const rows = db.prepare(`SELECT token, model_id, round, items, created_at FROM batch_intents WHERE model_id = ? ORDER BY created_at, token`).all(modelId) as {
    token: string;
    model_id: string;
    round: number;
    items: string;
    created_at: string;
  }[];
  return rows.map((r) => ({ token: r.token, modelId: r.model_id, round: r.round, items: JSON.parse(r.items), createdAt: r.created_at }));
}

export function dropBatchIntent(db: SqlDatabase, token: string): void {
  db.prepare(`DELETE FROM batch_intents WHERE token = ?`).run(token);
}

/** The batch, and its intent gone, in one transaction: a kill leaves one or the other. */
export function saveBatch(db: SqlDatabase, b: BatchRecord): void {
  db.transaction(() => {
    db.prepare(`INSERT INTO batches (id, model_id, round, items, state, created_at, token) VALUES (?, ?, ?, ?, 'open', ?, ?)`).run(
      b.id,
      b.modelId,
      b.round,
      JSON.stringify(b.items),
      b.createdAt,
      b.token ?? null,
    );
    if (b.token) dropBatchIntent(db, b.token);
  })();
}

export function openBatches(db: SqlDatabase, modelId: string): BatchRecord[] {
  const rows = db
    .prepare(`SELECT id, model_id, round, items, created_at, token FROM batches WHERE model_id = ? AND state = 'open' ORDER BY created_at, id`)
    .all(modelId) as {
    id: string;
    model_id: string;
    round: number;
    items: string;
    created_at: string;
    token: string | null;
  }[];
  return rows.map((r) => ({
    id: r.id,
    modelId: r.model_id,
    round: r.round,
    items: JSON.parse(r.items),
    createdAt: r.created_at,
    ...(r.token ? { token: r.token } : {}),
  }));
}

/** Every batch id the store knows, whatever its state. */
export function knownBatchIds(db: SqlDatabase): Set<string> {
  return new Set((db.prepare(`SELECT id FROM batches`).all() as { id: string }[]).map((r) => r.id));
}

export function markImported(db: SqlDatabase, id: string): void {
  db.prepare(`UPDATE batches SET state = 'imported', ended_at = ? WHERE id = ?`).run(new Date().toISOString(), id);
}

export function markForeign(db: SqlDatabase, id: string): void {
  db.prepare(`UPDATE batches SET state = 'foreign', ended_at = ? WHERE id = ?`).run(new Date().toISOString(), id);
}

/** `modeColumn`: `mode`, or `'live'` on a store from before modes were recorded. */
export function usageByModel(db: SqlDatabase, modeColumn: string): ModelUsage[] {
  return db
    .prepare(
      `SELECT model_id AS modelId, ${modeColumn} AS mode, COALESCE(SUM(input_tokens), 0) AS inputTokens, ` +
        "COALESCE(SUM(output_tokens), 0) AS outputTokens FROM calls WHERE status = 'ok' GROUP BY 1, 2",
    )
    .all() as ModelUsage[];
}
