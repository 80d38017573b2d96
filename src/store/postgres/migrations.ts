import type pg from 'pg';
import { MasldError } from '../../errors.js';
import type { Connection } from './connect.js';

/**
 * The shared store's layout, one migration per version, applied in order and
 * recorded in masld_schema. The tables mirror SQLite's (store/sqlite-schema.ts)
 * with a run_id; ids sort as SQLite sorts them (bytewise: COLLATE "C"). A
 * reply is kept as UTF-8 bytes: PostgreSQL text cannot hold the NUL a hostile
 * server may send. Scoring's parse columns stay in the exported SQLite file.
 */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE runs (run_id TEXT COLLATE "C" PRIMARY KEY, meta TEXT NOT NULL, created_at TEXT NOT NULL);
  CREATE TABLE cases (
    run_id TEXT COLLATE "C" NOT NULL REFERENCES runs ON DELETE CASCADE, ord INTEGER NOT NULL, id TEXT COLLATE "C" NOT NULL,
    json TEXT NOT NULL, PRIMARY KEY (run_id, ord), UNIQUE (run_id, id)
  );
  CREATE TABLE variants (
    run_id TEXT COLLATE "C" NOT NULL REFERENCES runs ON DELETE CASCADE, ord INTEGER NOT NULL, id TEXT COLLATE "C" NOT NULL,
    case_id TEXT NOT NULL, condition TEXT NOT NULL, cf_attribute TEXT, cf_value TEXT, narrative TEXT NOT NULL, question TEXT NOT NULL,
    options TEXT NOT NULL, answer TEXT NOT NULL, provenance TEXT NOT NULL, PRIMARY KEY (run_id, ord), UNIQUE (run_id, id)
  );
  CREATE TABLE calls (
    run_id TEXT COLLATE "C" NOT NULL REFERENCES runs ON DELETE CASCADE, model_id TEXT COLLATE "C" NOT NULL,
    variant_id TEXT COLLATE "C" NOT NULL, status TEXT NOT NULL, raw BYTEA, truncated BOOLEAN NOT NULL, finish_reason TEXT,
    input_tokens INTEGER, output_tokens INTEGER, latency_ms DOUBLE PRECISION, attempts INTEGER NOT NULL, errors TEXT NOT NULL,
    finished_at TEXT NOT NULL, letter_probs TEXT, mode TEXT NOT NULL DEFAULT 'live', PRIMARY KEY (run_id, model_id, variant_id)
  );
  CREATE TABLE model_info (run_id TEXT COLLATE "C" PRIMARY KEY REFERENCES runs ON DELETE CASCADE, info TEXT NOT NULL);`,
];

/** The newest layout this version writes and reads. */
export const PG_SCHEMA_VERSION = MIGRATIONS.length;

/** Any fixed number: every masld process migrating any database takes the same lock. */
const MIGRATION_LOCK = 0x6d61736c;

/**
 * Brings the database to PG_SCHEMA_VERSION, one migration per transaction.
 * Each transaction first takes an advisory lock, so two processes opening a
 * new database at once apply each migration once. A newer layout is refused.
 */
export async function migrate(conn: Connection): Promise<void> {
  for (;;) {
    const done = await conn.transaction(async (c) => {
      await c.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      await c.query('CREATE TABLE IF NOT EXISTS masld_schema (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())');
      const version = await currentVersion(c);
      if (version > PG_SCHEMA_VERSION) throw newer(conn.shown, version);
      if (version === PG_SCHEMA_VERSION) return true;
      await c.query(MIGRATIONS[version]);
      await c.query('INSERT INTO masld_schema (version) VALUES ($1)', [version + 1]);
      return false;
    });
    if (done) return;
  }
}

async function currentVersion(c: pg.PoolClient): Promise<number> {
  const r = await c.query<{ v: number | null }>('SELECT max(version) AS v FROM masld_schema');
  return r.rows[0].v ?? 0;
}

function newer(shown: string, version: number): MasldError {
  return new MasldError(
    'E_STORE_DAMAGED',
    `the shared store ${shown} was written by a newer version of masld (schema ${version}; this version reads up to ` +
      `${PG_SCHEMA_VERSION}). Nothing in it was changed. Use that version of masld.`,
  );
}
