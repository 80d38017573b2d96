import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openSharedStore, type SharedStore } from '../../src/store/shared.js';
import { exportedCalls, postgresMissing, smallRun, startPostgres, type TestPostgres, testCall } from '../support/postgres.js';

const N = 200;

describe('the shared store across a PostgreSQL restart', { skip: postgresMissing() }, () => {
  let server: TestPostgres;
  let store: SharedStore;
  before(async () => {
    server = await startPostgres();
    store = await openSharedStore(await server.database('restart'));
  });
  after(async () => {
    await store?.close();
    await server?.stop();
  });

  it(`loses none and doubles none of ${N} calls saved by 8 writers while the server restarts`, async () => {
    const run = smallRun(1);
    await store.initialiseRun('r', run.meta, run.cases, run.variants);
    const ids = [...Array(N).keys()].map((i) => `v${String(i).padStart(3, '0')}`);
    let saved = 0;
    let restart: Promise<void> | undefined;
    let back = 0;
    const spanned: string[] = [];
    const next = ids.values();
    const writer = async () => {
      for (const id of next) {
        const began = Date.now();
        // Every call is saved twice, as a job run again after its worker lost the reply would be.
        await store.saveCall('r', testCall('m', id, { raw: `reply ${id}` }));
        await store.saveCall('r', testCall('m', id, { status: 'failed', raw: null, errors: ['again'] }));
        if (back && began < back) spanned.push(id);
        // A fifth of the way in, a clean shutdown ends every connection (57P01); 1.5 s later the server is back.
        if (++saved === N / 5) restart = server.restart(1_500).then(() => void (back = Date.now()));
        await new Promise((r) => setTimeout(r, 5));
      }
    };
    await Promise.all([...Array(8)].map(writer));
    await restart;
    const calls = await exportedCalls(store, 'r');
    assert.deepEqual(
      calls.map((c) => c.variantId),
      ids,
    );
    assert.ok(
      calls.every((c) => c.status === 'ok' && c.raw === `reply ${c.variantId}`),
      'every call kept as first saved',
    );
    assert.deepEqual(await store.counts('r'), [
      { modelId: 'control:resilient', ok: 0, failed: 0 },
      { modelId: 'm', ok: N, failed: 0 },
    ]);
    assert.ok(spanned.length > 0, 'some saves were in flight while the server was away');
  });
});
