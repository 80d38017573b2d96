import type Database from 'better-sqlite3';
import type { BatchRecord, ModelUsage } from './types.js';

/** Batches submitted to a provider's batch API: kept until their results are imported, so a resume polls them instead of paying again. */
export const BATCHES_TABLE = `CREATE TABLE IF NOT EXISTS batches (
  id TEXT PRIMARY KEY, model_id TEXT NOT NULL, round INTEGER NOT NULL, items TEXT NOT NULL,
  state TEXT NOT NULL, created_at TEXT NOT NULL, ended_at TEXT
);`;

export function saveBatch(db: Database.Database, b: BatchRecord): void {
  db.prepare(`INSERT INTO batches (id, model_id, round, items, state, created_at) VALUES (?, ?, ?, ?, 'open', ?)`).run(
    b.id,
    b.modelId,
    b.round,
    JSON.stringify(b.items),
    b.createdAt,
  );
}

export function openBatches(db: Database.Database, modelId: string): BatchRecord[] {
  const rows = db
    .prepare(`SELECT id, model_id, round, items, created_at FROM batches WHERE model_id = ? AND state = 'open' ORDER BY created_at, id`)
    .all(modelId) as {
    id: string;
    model_id: string;
    round: number;
    items: string;
    created_at: string;
  }[];
  return rows.map((r) => ({ id: r.id, modelId: r.model_id, round: r.round, items: JSON.parse(r.items), createdAt: r.created_at }));
}

export function markImported(db: Database.Database, id: string): void {
  db.prepare(`UPDATE batches SET state = 'imported', ended_at = ? WHERE id = ?`).run(new Date().toISOString(), id);
}

/** `modeColumn`: `mode`, or `'live'` on a store from before modes were recorded. */
export function usageByModel(db: Database.Database, modeColumn: string): ModelUsage[] {
  return db
    .prepare(
      `SELECT model_id AS modelId, ${modeColumn} AS mode, COALESCE(SUM(input_tokens), 0) AS inputTokens, COALESCE(SUM(output_tokens), 0) AS outputTokens FROM calls WHERE status = 'ok' GROUP BY 1, 2`,
    )
    .all() as ModelUsage[];
}
