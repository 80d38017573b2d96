import type { Case } from '../../cases/types.js';
import type { Variant } from '../../variants/types.js';
import { parseRunMeta } from '../meta.js';
import { type Row, VARIANT_COLUMNS, variantFromRow, variantValues } from '../rows.js';
import type { CallCounts, SharedRunSummary, SharedStore } from '../shared.js';
import { type CallRecord, callKey, type RunMeta, type RunMetaInput } from '../types.js';
import { SAVE_CALL, callParams } from './calls.js';
import { type Connection, connect, type PgOptions } from './connect.js';
import { exportRun } from './export.js';
import { migrate } from './migrations.js';

/** The models of a run's config (meta.config.models), one row each, in their order. */
const CONFIG_MODELS = `jsonb_array_elements((meta::jsonb)->'config'->'models')`;

/** Opens the store at `url`, creating or migrating its tables. */
export async function openPostgresStore(url: string, o: PgOptions = {}): Promise<SharedStore> {
  const conn = await connect(url, o);
  try {
    await migrate(conn);
  } catch (err) {
    await conn.pool.end().catch(() => {});
    throw err;
  }
  return new PostgresStore(conn);
}

class PostgresStore implements SharedStore {
  constructor(private readonly conn: Connection) {}

  private async rows<R>(sql: string, params: unknown[]): Promise<R[]> {
    return this.conn.retry(async () => (await this.conn.pool.query(sql, params)).rows as R[]);
  }

  initialiseRun(runId: string, meta: RunMetaInput, cases: readonly Case[], variants: readonly Variant[]): Promise<boolean> {
    return this.conn.transaction(async (c) => {
      const made = await c.query(`INSERT INTO runs (run_id, meta, created_at) VALUES ($1, $2, $3) ON CONFLICT (run_id) DO NOTHING`, [
        runId,
        JSON.stringify(meta),
        meta.createdAt,
      ]);
      if (made.rowCount === 0) return false;
      // One statement per table (unnest of arrays): a run of thousands of variants is written in one round trip each.
      await c.query(`INSERT INTO cases (run_id, ord, id, json) SELECT $1, t.* FROM unnest($2::int[], $3::text[], $4::text[]) t`, [
        runId,
        cases.map((_, i) => i),
        cases.map((x) => x.id),
        cases.map((x) => JSON.stringify(x)),
      ]);
      const cols = variants.map((v, i) => variantValues(v, i));
      const column = (k: number) => cols.map((r) => r[k]);
      await c.query(
        `INSERT INTO variants (run_id, ${VARIANT_COLUMNS}) SELECT $1, t.* FROM unnest($2::int[], ${[...Array(10).keys()]
          .map((k) => `$${k + 3}::text[]`)
          .join(', ')}) t`,
        [runId, ...[...Array(11).keys()].map(column)],
      );
      return true;
    });
  }

  async readRun(runId: string): Promise<RunMeta | undefined> {
    const [row] = await this.rows<{ meta: string }>(`SELECT meta FROM runs WHERE run_id = $1`, [runId]);
    return row ? parseRunMeta(row.meta, `${this.conn.shown} run ${runId}`) : undefined;
  }

  async runs(): Promise<SharedRunSummary[]> {
    const rows = await this.rows<{ run_id: string; created_at: string; models: string[] | null; variants: number }>(
      `SELECT run_id, created_at, ARRAY(SELECT m->>'id' FROM ${CONFIG_MODELS} m) AS models,
        (SELECT count(*)::int FROM variants v WHERE v.run_id = r.run_id) AS variants FROM runs r ORDER BY created_at, run_id`,
      [],
    );
    return rows.map((r) => ({ runId: r.run_id, createdAt: r.created_at, models: r.models ?? [], variants: r.variants }));
  }

  async cases(runId: string): Promise<Case[]> {
    const rows = await this.rows<{ json: string }>(`SELECT json FROM cases WHERE run_id = $1 ORDER BY ord`, [runId]);
    return rows.map((r) => JSON.parse(r.json) as Case);
  }

  async variants(runId: string): Promise<Variant[]> {
    const rows = await this.rows<Row>(`SELECT ${VARIANT_COLUMNS} FROM variants WHERE run_id = $1 ORDER BY ord`, [runId]);
    return rows.map(variantFromRow);
  }

  async completedKeys(runId: string): Promise<Set<string>> {
    const rows = await this.rows<{ model_id: string; variant_id: string }>(`SELECT model_id, variant_id FROM calls WHERE run_id = $1 AND status = 'ok'`, [
      runId,
    ]);
    return new Set(rows.map((r) => callKey(r.model_id, r.variant_id)));
  }

  async saveCall(runId: string, call: CallRecord): Promise<void> {
    await this.rows(SAVE_CALL, callParams(runId, call));
  }

  /** Every model of the run's config (zero when none of its calls is stored yet) and any other with stored calls, by id. */
  async counts(runId: string): Promise<CallCounts[]> {
    const rows = await this.rows<{ model_id: string; ok: number; failed: number }>(
      `SELECT k.model_id, count(*) FILTER (WHERE c.status = 'ok')::int AS ok, count(*) FILTER (WHERE c.status <> 'ok')::int AS failed
       FROM (SELECT m->>'id' COLLATE "C" AS model_id FROM runs, ${CONFIG_MODELS} m WHERE run_id = $1
             UNION SELECT model_id FROM calls WHERE run_id = $1) k
       LEFT JOIN calls c ON c.run_id = $1 AND c.model_id = k.model_id GROUP BY k.model_id ORDER BY k.model_id`,
      [runId],
    );
    return rows.map((r) => ({ modelId: r.model_id, ok: r.ok, failed: r.failed }));
  }

  async saveModelInfo(runId: string, info: Record<string, Record<string, unknown>>): Promise<void> {
    await this.rows(`INSERT INTO model_info (run_id, info) VALUES ($1, $2) ON CONFLICT (run_id) DO UPDATE SET info = EXCLUDED.info`, [
      runId,
      JSON.stringify(info),
    ]);
  }

  async readModelInfo(runId: string): Promise<Record<string, Record<string, unknown>>> {
    const [row] = await this.rows<{ info: string }>(`SELECT info FROM model_info WHERE run_id = $1`, [runId]);
    return row ? JSON.parse(row.info) : {};
  }

  exportRun(runId: string, path: string): Promise<void> {
    return exportRun(this.conn, runId, path);
  }

  async close(): Promise<void> {
    await this.conn.pool.end();
  }
}
