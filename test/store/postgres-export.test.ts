import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { MasldError } from '../../src/errors.js';
import { openSharedStore, type SharedStore } from '../../src/store/shared.js';
import { SqliteStore } from '../../src/store/sqlite.js';
import type { CallRecord } from '../../src/store/types.js';
import { openDatabase } from '../../src/util/sqlite.js';
import { tempDir } from '../support/cli.js';
import { postgresMissing, smallRun, startPostgres, type TestPostgres, testCall } from '../support/postgres.js';

/** Every table of a SQLite store, row by row in a fixed order, and its schema version. */
function dump(path: string): Record<string, unknown[]> {
  const db = openDatabase(path, { readonly: true });
  try {
    const order: Record<string, string> = { meta: 'key', cases: 'ord', variants: 'ord', calls: 'model_id, variant_id', batches: 'id' };
    const out: Record<string, unknown[]> = { user_version: [db.pragma('user_version', { simple: true })] };
    for (const { name } of db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as { name: string }[]) {
      out[name] = db.prepare(`SELECT * FROM ${name} ORDER BY ${order[name] ?? 1}`).all();
    }
    return out;
  } finally {
    db.close();
  }
}

/** Calls of every kind a run stores, saved in the order a run saves them (a failed attempt, then its retry). */
function calls(variantIds: string[]): CallRecord[] {
  // Model ids that sort differently bytewise and by a locale's rules ('B' < '_' < 'a').
  const models = ['openai-compatible:a@x', 'B/m', 'm_2'];
  return models.flatMap((m, k) =>
    variantIds.flatMap((v, i): CallRecord[] => {
      const n = i + k;
      if (n % 7 === 0)
        return [
          testCall(m, v, {
            status: 'failed',
            raw: null,
            finishReason: null,
            inputTokens: null,
            outputTokens: null,
            latencyMs: null,
            errors: ['HTTP 503: busy', 'timeout'],
            attempts: 2,
          }),
        ];
      if (n % 5 === 0)
        return [testCall(m, v, { status: 'failed', raw: null, errors: ['x'] }), testCall(m, v, { attempts: 2, mode: 'batch', latencyMs: 0.1 + 0.2 })];
      if (n % 3 === 0) return [testCall(m, v, { raw: `\u0000\u001b[31m NUL and escapes, é 😀 ${'x'.repeat(300)}`, truncated: true, finishReason: 'length' })];
      return [
        testCall(m, v, {
          raw: `{"answer": "${'ABCD'[n % 4]}"}`,
          letterProbs: { A: 0.1, B: 0.7, C: 0.15, D: 0.05 },
          latencyMs: 1234.5678 + n,
          finishedAt: `2026-01-01T00:00:${String(n % 60).padStart(2, '0')}.000Z`,
        }),
      ];
    }),
  );
}

describe('exporting a shared run to a SQLite file', { skip: postgresMissing() }, () => {
  let server: TestPostgres;
  let store: SharedStore;
  before(async () => {
    server = await startPostgres();
    store = await openSharedStore(await server.database('export'));
  });
  after(async () => {
    await store?.close();
    await server?.stop();
  });

  it('gives the very store a local run of the same calls writes: every table equal, row for row', async () => {
    const run = smallRun(3);
    const dir = tempDir();
    const all = calls(run.variants.map((v) => v.id));
    const info = { 'B/m': { sha256: 'ab'.repeat(32), quantization: 'Q4_K_M' } };
    const local = new SqliteStore(join(dir, 'local.sqlite'));
    local.initialise(run.meta, run.cases, run.variants);
    for (const c of all) local.saveCall(c);
    local.saveModelInfo(info);
    local.close();

    assert.equal(await store.initialiseRun('run-a', run.meta, run.cases, run.variants), true);
    for (const c of all) await store.saveCall('run-a', c);
    await store.saveModelInfo('run-a', info);
    // Another run in the same database stays out of the export.
    await store.initialiseRun('run-b', { ...run.meta, createdAt: '2027-01-01T00:00:00.000Z' }, run.cases.slice(0, 1), run.variants.slice(0, 2));
    await store.saveCall('run-b', testCall('B/m', run.variants[0].id, { raw: 'other run' }));

    await store.exportRun('run-a', join(dir, 'exported.sqlite'));
    const want = dump(join(dir, 'local.sqlite'));
    const got = dump(join(dir, 'exported.sqlite'));
    assert.ok((want.calls as unknown[]).length > 3 * run.variants.length - 1 && (want.variants as unknown[]).length > 5);
    for (const table of Object.keys(want)) assert.deepEqual(got[table], want[table], table);
    assert.deepEqual(Object.keys(got), Object.keys(want));
    assert.deepEqual(
      readdirSync(dir).filter((f) => f.includes('partial')),
      [],
      'no partial file left',
    );
  });

  it('refuses to write over a file, and names a run that is not there', async () => {
    const dir = tempDir();
    await store.exportRun('run-b', join(dir, 'b.sqlite'));
    const over = await store.exportRun('run-b', join(dir, 'b.sqlite')).catch((e: unknown) => e);
    assert.ok(over instanceof MasldError && over.code === 'E_INPUT' && over.message.includes('already exists'), String(over));
    const none = await store.exportRun('run-z', join(dir, 'z.sqlite')).catch((e: unknown) => e);
    assert.ok(none instanceof MasldError && none.code === 'E_INPUT' && none.message.includes('no run run-z'), String(none));
    assert.ok(!none.message.includes(server.password), none.message);
    assert.ok(!existsSync(join(dir, 'z.sqlite')));
    assert.deepEqual(readdirSync(dir), ['b.sqlite'], 'nothing left of the failed export');
  });
});
