import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Case } from '../cases/types.js';
import { openDatabase, type SqlDatabase, type SqlStatement } from '../util/sqlite.js';
import type { Variant, VariantKey } from '../variants/types.js';
import type { BatchIntent, BatchRecord, CallRecord, ModelUsage, ParseRecord, RunMeta, RunMetaInput, Store, StoredCall } from './types.js';
import { parseRunMeta } from './meta.js';
import { callKey } from './types.js';
import { createOrMigrate } from './sqlite-schema.js';
import { callColumns, storedCall, VARIANT_COLUMNS, variantFromRow, variantKeyFromRow, variantValues, type Row } from './rows.js';
import {
  batchIntents,
  dropBatchIntent,
  knownBatchIds,
  markForeign,
  markImported,
  openBatches,
  saveBatch,
  saveBatchIntent,
  usageByModel,
} from './sqlite-batches.js';

export const STORE_FILE = 'audit.sqlite';

/** The folder when it already holds a run's store (an audit into it resumes), else undefined. */
export const runFolderOf = (dir: string): string | undefined => (existsSync(join(dir, STORE_FILE)) ? dir : undefined);

export class SqliteStore implements Store {
  private readonly db: SqlDatabase;
  /** Null on a read-only store, which never writes a call. */
  private readonly insertCall: SqlStatement | null = null;

  private readonly readOnly: boolean;
  private readonly path: string;
  /** Stores of schema 1 have no mode column: their calls were all live (read-only readers see them so). */
  private readonly modeColumn: string = 'mode';

  /** `readOnly`: a reader beside a running audit; it writes nothing (not even parses) and never blocks the writer. */
  constructor(path: string, o: { readOnly?: boolean } = {}) {
    this.readOnly = o.readOnly ?? false;
    this.path = path;
    this.db = openDatabase(path, this.readOnly ? { readonly: true, fileMustExist: true } : {});
    if (this.readOnly) {
      this.db.pragma('busy_timeout = 5000');
      if (!this.columns().includes('mode')) this.modeColumn = `'live'`;
      return;
    }
    // WAL + NORMAL: a killed process loses nothing that was committed.
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    createOrMigrate(this.db, this.columns());
    this.insertCall = this.db.prepare(
      `INSERT OR REPLACE INTO calls
      (model_id, variant_id, status, raw, truncated, finish_reason, input_tokens, output_tokens, latency_ms, attempts, errors, finished_at, letter_probs, mode)
      VALUES (@modelId, @variantId, @status, @raw, @truncated, @finishReason, @inputTokens, @outputTokens, ` +
        '@latencyMs, @attempts, @errors, @finishedAt, @letterProbs, @mode)',
    );
  }

  private columns(): string[] {
    return (this.db.prepare(`PRAGMA table_info(calls)`).all() as { name: string }[]).map((c) => c.name);
  }

  readMeta(): RunMeta | undefined {
    const row = this.db.prepare(`SELECT value FROM meta WHERE key = 'run'`).get() as { value: string } | undefined;
    return row ? parseRunMeta(row.value, this.path) : undefined;
  }

  initialise(meta: RunMetaInput, cases: readonly Case[], variants: readonly Variant[]): void {
    const insertCase = this.db.prepare(`INSERT INTO cases (ord, id, json) VALUES (?, ?, ?)`);
    const insert = this.db.prepare(`INSERT INTO variants (${VARIANT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.db.transaction(() => {
      this.db.prepare(`INSERT INTO meta (key, value) VALUES ('run', ?)`).run(JSON.stringify(meta));
      for (const [i, c] of cases.entries()) insertCase.run(i, c.id, JSON.stringify(c));
      for (const [i, v] of variants.entries()) insert.run(...variantValues(v, i));
    })();
  }

  completedKeys(): Set<string> {
    const keys = new Set<string>();
    for (const r of this.db.prepare(`SELECT model_id, variant_id FROM calls WHERE status = 'ok'`).iterate() as Iterable<{
      model_id: string;
      variant_id: string;
    }>) {
      keys.add(callKey(r.model_id, r.variant_id));
    }
    return keys;
  }

  saveCall(c: CallRecord): void {
    if (!this.insertCall) throw new Error('a read-only store records no calls');
    this.insertCall.run({
      ...c,
      truncated: c.truncated ? 1 : 0,
      errors: JSON.stringify(c.errors),
      letterProbs: c.letterProbs ? JSON.stringify(c.letterProbs) : null,
      mode: c.mode ?? 'live',
    });
  }

  saveCalls(calls: readonly CallRecord[]): void {
    this.db.transaction(() => {
      for (const c of calls) this.saveCall(c);
    })();
  }

  *cases(): Iterable<Case> {
    for (const r of this.db.prepare(`SELECT json FROM cases ORDER BY ord`).iterate() as Iterable<{ json: string }>) yield JSON.parse(r.json) as Case;
  }

  *variants(): Iterable<Variant> {
    for (const r of this.db.prepare(`SELECT * FROM variants ORDER BY ord`).iterate() as Iterable<Row>) yield variantFromRow(r);
  }

  *variantKeys(): Iterable<VariantKey> {
    const rows = this.db.prepare(
      'SELECT id, case_id, condition, cf_attribute, cf_value, options, answer, json_extract(provenance, ' +
        "'$.counterfactualBaseline') AS baseline, json_extract(provenance, '$.defects') AS defects, " +
        "json_extract(provenance, '$.neutralEdit') AS neutral FROM variants ORDER BY ord",
    );
    for (const r of rows.iterate() as Iterable<Row>) yield variantKeyFromRow(r);
  }

  callModelIds(): string[] {
    return (this.db.prepare(`SELECT DISTINCT model_id FROM calls ORDER BY model_id`).all() as { model_id: string }[]).map((r) => r.model_id);
  }

  *calls(modelId?: string): Iterable<StoredCall> {
    const columns = callColumns(this.modeColumn);
    const rows =
      modelId === undefined
        ? this.db.prepare(`SELECT ${columns} FROM calls ORDER BY model_id, variant_id`).raw(true).iterate()
        : this.db.prepare(`SELECT ${columns} FROM calls WHERE model_id = ? ORDER BY variant_id`).raw(true).iterate(modelId);
    for (const r of rows as Iterable<unknown[]>) yield storedCall(r);
  }

  saveParses(parses: readonly ParseRecord[]): void {
    if (this.readOnly) return;
    const update = this.db.prepare(`UPDATE calls SET parsed_letter = @letter, parse_method = @method WHERE model_id = @modelId AND variant_id = @variantId`);
    this.db.transaction(() => {
      for (const p of parses) update.run({ letter: p.letter, method: p.method, modelId: p.modelId, variantId: p.variantId });
    })();
  }

  saveModelInfo(info: Record<string, Record<string, unknown>>): void {
    this.db.prepare(`INSERT OR REPLACE INTO meta (key, value) VALUES ('models', ?)`).run(JSON.stringify(info));
  }

  readModelInfo(): Record<string, Record<string, unknown>> {
    const row = this.db.prepare(`SELECT value FROM meta WHERE key = 'models'`).get() as { value: string } | undefined;
    return row ? JSON.parse(row.value) : {};
  }

  callsSignature(): string {
    const r = this.db.prepare(`SELECT COUNT(*) AS n, SUM(status = 'ok') AS ok, MAX(finished_at) AS last FROM calls`).get() as {
      n: number;
      ok: number | null;
      last: string | null;
    };
    return `${r.n}|${r.ok ?? 0}|${r.last ?? ''}`;
  }

  readOutputsSignature(): string | undefined {
    return (this.db.prepare(`SELECT value FROM meta WHERE key = 'outputs'`).get() as { value: string } | undefined)?.value;
  }

  saveOutputsSignature(signature: string): void {
    // A snapshot's outputs are not the run's: the audit rewrites them when it finishes.
    if (this.readOnly) return;
    this.db.prepare(`INSERT OR REPLACE INTO meta (key, value) VALUES ('outputs', ?)`).run(signature);
  }

  /**
   * Runs `fn` on one read transaction: under WAL it sees the store as it was
   * when the transaction began, however much a running audit writes meanwhile.
   */
  async snapshot<T>(fn: () => Promise<T>): Promise<T> {
    this.db.exec('BEGIN');
    this.db.prepare(`SELECT count(*) FROM meta`).get();
    try {
      return await fn();
    } finally {
      this.db.exec('COMMIT');
    }
  }

  usageByModel(): ModelUsage[] {
    return usageByModel(this.db, this.modeColumn);
  }

  saveBatch(b: BatchRecord): void {
    saveBatch(this.db, b);
  }

  openBatches(modelId: string): BatchRecord[] {
    return openBatches(this.db, modelId);
  }

  knownBatchIds(): Set<string> {
    return knownBatchIds(this.db);
  }

  disownBatch(id: string): void {
    markForeign(this.db, id);
  }

  saveBatchIntent(i: BatchIntent): void {
    saveBatchIntent(this.db, i);
  }

  batchIntents(modelId: string): BatchIntent[] {
    return batchIntents(this.db, modelId);
  }

  dropBatchIntent(token: string): void {
    dropBatchIntent(this.db, token);
  }

  importBatch(id: string, calls: readonly CallRecord[]): void {
    this.db.transaction(() => {
      for (const c of calls) this.saveCall(c);
      markImported(this.db, id);
    })();
  }

  /** Calls answered, for a reader's account of a snapshot. */
  answeredCalls(): number {
    return (this.db.prepare(`SELECT count(*) AS n FROM calls WHERE status = 'ok'`).get() as { n: number }).n;
  }

  close(): void {
    this.db.close();
  }
}
