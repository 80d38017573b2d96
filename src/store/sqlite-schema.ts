import type { SqlDatabase } from '../util/sqlite.js';
import { STORE_SCHEMA_VERSION } from './inspect.js';
import { BATCH_INTENTS_TABLE, BATCHES_TABLE, migrateBatches } from './sqlite-batches.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS cases (ord INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, json TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS variants (
  ord INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, case_id TEXT NOT NULL, condition TEXT NOT NULL,
  cf_attribute TEXT, cf_value TEXT, narrative TEXT NOT NULL, question TEXT NOT NULL,
  options TEXT NOT NULL, answer TEXT NOT NULL, provenance TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS calls (
  model_id TEXT NOT NULL, variant_id TEXT NOT NULL, status TEXT NOT NULL, raw TEXT, truncated INTEGER NOT NULL,
  finish_reason TEXT, input_tokens INTEGER, output_tokens INTEGER, latency_ms REAL, attempts INTEGER NOT NULL,
  errors TEXT NOT NULL, finished_at TEXT NOT NULL, parsed_letter TEXT, parse_method TEXT, letter_probs TEXT,
  mode TEXT NOT NULL DEFAULT 'live', PRIMARY KEY (model_id, variant_id)
);
${BATCHES_TABLE}
${BATCH_INTENTS_TABLE}
`;

/** Creates the tables, or brings a store of an older schema up to this one (`columns`: the calls table's, as found). */
export function createOrMigrate(db: SqlDatabase, columns: readonly string[]): void {
  db.exec(SCHEMA);
  // Stamp the layout, so a later version can tell a store it cannot read (store/inspect.ts).
  if ((db.pragma('user_version', { simple: true }) as number) === 0) db.pragma(`user_version = ${STORE_SCHEMA_VERSION}`);
  // Stores written before letter probabilities (or call modes) were recorded gain the column; schema 1 becomes 2.
  if (columns.length && !columns.includes('letter_probs')) db.exec(`ALTER TABLE calls ADD COLUMN letter_probs TEXT`);
  if (columns.length && !columns.includes('mode')) db.exec(`ALTER TABLE calls ADD COLUMN mode TEXT NOT NULL DEFAULT 'live'`);
  // Schema 2 becomes 3: batches gain their token (the intents table was created above).
  migrateBatches(db);
  if ((db.pragma('user_version', { simple: true }) as number) < STORE_SCHEMA_VERSION) db.pragma(`user_version = ${STORE_SCHEMA_VERSION}`);
}
