import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { MasldError } from '../../src/errors.js';
import { openSharedStore, type SharedStore } from '../../src/store/shared.js';
import { callKey } from '../../src/store/types.js';
import { exportedCalls, postgresMissing, smallRun, startPostgres, type TestPostgres, testCall } from '../support/postgres.js';

const skip = postgresMissing();

describe('the PostgreSQL shared store', { skip }, () => {
  let pg: TestPostgres;
  let store: SharedStore;
  let url: string;
  const run = smallRun();
  before(async () => {
    pg = await startPostgres();
    url = await pg.database('store');
    store = await openSharedStore(url);
  });
  after(async () => {
    await store?.close();
    await pg?.stop();
  });

  it('writes a run once: initialising it again changes nothing and returns false', async () => {
    assert.equal(await store.initialiseRun('r1', run.meta, run.cases, run.variants), true);
    const other = { ...run.meta, createdAt: '2030-01-01T00:00:00.000Z' };
    assert.equal(await store.initialiseRun('r1', other, run.cases.slice(1), run.variants.slice(2)), false);
    assert.equal((await store.readRun('r1'))?.createdAt, run.meta.createdAt);
    assert.deepEqual(await store.cases('r1'), run.cases);
    assert.deepEqual(await store.variants('r1'), run.variants);
    assert.equal(await store.readRun('nope'), undefined);
    const [summary] = (await store.runs()).filter((r) => r.runId === 'r1');
    assert.deepEqual(summary, { runId: 'r1', createdAt: run.meta.createdAt, models: ['control:resilient'], variants: run.variants.length });
  });

  it('keys a call by run, model and variant: ok calls are the resume keys, runs never mix', async () => {
    await store.initialiseRun('r2', run.meta, run.cases, run.variants);
    const [v1, v2, v3] = run.variants.map((v) => v.id);
    await store.saveCall('r2', testCall('m', v1));
    await store.saveCall('r2', testCall('m', v2, { status: 'failed', raw: null, errors: ['HTTP 503'] }));
    await store.saveCall('r2', testCall('control:resilient', v3));
    await store.saveCall('r1', testCall('m', v3));
    assert.deepEqual([...(await store.completedKeys('r2'))].sort(), [callKey('control:resilient', v3), callKey('m', v1)].sort());
    assert.deepEqual(await store.counts('r2'), [
      { modelId: 'control:resilient', ok: 1, failed: 0 },
      { modelId: 'm', ok: 1, failed: 1 },
    ]);
    assert.deepEqual(await store.counts('r1'), [
      { modelId: 'control:resilient', ok: 0, failed: 0 },
      { modelId: 'm', ok: 1, failed: 0 },
    ]);
  });

  it('never replaces an ok call (a job run twice counts once) and replaces a failed one with the newer attempt', async () => {
    await store.initialiseRun('r3', run.meta, run.cases, run.variants);
    const [v1, v2] = run.variants.map((v) => v.id);
    await store.saveCall('r3', testCall('m', v1, { raw: 'first', latencyMs: 1 }));
    await store.saveCall('r3', testCall('m', v1, { raw: 'second', latencyMs: 2 }));
    await store.saveCall('r3', testCall('m', v1, { status: 'failed', raw: null, errors: ['late failure'] }));
    await store.saveCall('r3', testCall('m', v2, { status: 'failed', raw: null, attempts: 3, errors: ['503', '503', '503'] }));
    await store.saveCall('r3', testCall('m', v2, { status: 'failed', raw: null, attempts: 1, errors: ['timeout'] }));
    assert.deepEqual(await store.counts('r3'), [
      { modelId: 'control:resilient', ok: 0, failed: 0 },
      { modelId: 'm', ok: 1, failed: 1 },
    ]);
    await store.saveCall('r3', testCall('m', v2, { raw: 'B', attempts: 2 }));
    const calls = await exportedCalls(store, 'r3');
    assert.deepEqual(
      calls.map((c) => [c.variantId, c.status, c.raw, c.attempts, c.errors]),
      [
        [v1, 'ok', 'first', 1, []],
        [v2, 'ok', 'B', 2, []],
      ],
    );
  });

  it('two processes saving the same keys at once leave one row per key, the first ok one', async () => {
    await store.initialiseRun('r4', run.meta, run.cases, run.variants);
    const second = await openSharedStore(url);
    try {
      const ids = run.variants.map((v) => v.id);
      const writes = ids.flatMap((id) => [
        store.saveCall('r4', testCall('m', id, { raw: 'one' })),
        second.saveCall('r4', testCall('m', id, { raw: 'two' })),
        second.saveCall('r4', testCall('m', id, { status: 'failed', raw: null, errors: ['lost race'] })),
      ]);
      await Promise.all(writes);
      const calls = await exportedCalls(second, 'r4');
      assert.equal(calls.length, ids.length);
      assert.ok(calls.every((c) => c.status === 'ok' && (c.raw === 'one' || c.raw === 'two')));
      assert.deepEqual(await store.counts('r4'), [
        { modelId: 'control:resilient', ok: 0, failed: 0 },
        { modelId: 'm', ok: ids.length, failed: 0 },
      ]);
    } finally {
      await second.close();
    }
  });

  it('keeps model info per run, replaced when saved again', async () => {
    assert.deepEqual(await store.readModelInfo('r1'), {});
    await store.saveModelInfo('r1', { m: { sha256: 'a' } });
    await store.saveModelInfo('r1', { m: { sha256: 'b', quant: 'Q4' } });
    assert.deepEqual(await store.readModelInfo('r1'), { m: { sha256: 'b', quant: 'Q4' } });
    assert.deepEqual(await store.readModelInfo('r2'), {});
  });

  it('never shows the password: a wrong one, and a server that is gone, are typed errors naming the URL without it', async () => {
    const wrong = pg.url.replace(pg.password, 'Wr0ng-pa55word');
    const gone = pg.url.replace(/:(\d+)\//, ':1/');
    for (const [url, secret] of [
      [wrong, 'Wr0ng-pa55word'],
      [gone, pg.password],
    ]) {
      const err = await openSharedStore(url, { retryMs: 300 }).then(
        () => assert.fail('opened'),
        (e: unknown) => e,
      );
      assert.ok(err instanceof MasldError, String(err));
      assert.equal(err.code, 'E_STORE_UNREACHABLE');
      assert.equal(err.exitCode, 1);
      assert.ok(!err.message.includes(secret) && !String(err.stack).includes(secret), err.message);
      assert.ok(err.message.includes(url.replace(`:${secret}@`, '@')), err.message);
    }
  });
});

describe('a shared store URL', () => {
  it('must be postgres:// or postgresql://: anything else is E_STORE_URL (exit 2), named without its password', async () => {
    for (const url of ['mysql://me:hunter2@db:3306/x', 'redis://:hunter2@localhost:6379', 'hunter2', 'file:///tmp/a.sqlite?password=hunter2']) {
      const err = await openSharedStore(url).then(
        () => assert.fail(url),
        (e: unknown) => e,
      );
      assert.ok(err instanceof MasldError, String(err));
      assert.equal(err.code, 'E_STORE_URL');
      assert.equal(err.exitCode, 2);
      if (url !== 'hunter2') assert.ok(!err.message.includes('hunter2'), err.message);
    }
  });
});
