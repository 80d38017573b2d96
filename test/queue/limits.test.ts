import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openCallQueue } from '../../src/queue/call-queue.js';
import type { CallQueue, WorkerPool } from '../../src/queue/types.js';
import { startWorkers } from '../../src/queue/workers.js';
import { needs } from '../support/needs.js';
import { REDIS_SERVER, type RedisServer, startRedis } from '../support/redis.js';
import { RUN, sleep, variantIds, waitFor } from './wait.js';

/** Three worker pools in this process, each with its own Redis connections: the cluster in small. */
async function threePools(url: string, model: string, handle: () => Promise<void>, concurrency: number): Promise<WorkerPool[]> {
  return Promise.all([1, 2, 3].map((i) => startWorkers(url, [model], handle, { concurrency, name: `pool-${i}:${process.pid}` })));
}

/** The most starts within any `span` ms. */
function busiest(starts: readonly number[], span: number): number {
  const t = [...starts].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < t.length; i++) {
    while (t[i] - t[j] >= span) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

describe('cluster-wide limits', { skip: needs(REDIS_SERVER) }, () => {
  let redis: RedisServer;
  let q: CallQueue;
  before(async () => {
    redis = await startRedis();
    q = await openCallQueue(redis.url);
  });
  after(async () => {
    await q?.close();
    await redis?.stop();
  });

  it("a model's concurrency holds across 3 worker pools of 4", async () => {
    const model = 'limit:concurrency';
    await q.enqueue(RUN, model, variantIds(24), { concurrency: 3 });
    let inFlight = 0;
    let most = 0;
    let done = 0;
    const pools = await threePools(
      redis.url,
      model,
      async () => {
        most = Math.max(most, ++inFlight);
        await sleep(60);
        inFlight--;
        done++;
      },
      4,
    );
    try {
      await waitFor('24 calls', () => done === 24, 15_000);
    } finally {
      await Promise.all(pools.map((p) => p.close()));
    }
    assert.equal(most, 3, `at most 3 calls at once over the cluster (12 worker slots), saw ${most}`);
  });

  it('600 requests a minute hold across 3 worker pools, spread evenly', async () => {
    const model = 'limit:rpm';
    const n = 50;
    await q.enqueue(RUN, model, variantIds(n), { concurrency: 30, rpm: 600 });
    const starts: number[] = [];
    const pools = await threePools(
      redis.url,
      model,
      async () => {
        starts.push(Date.now());
        await sleep(5);
      },
      10,
    );
    try {
      await waitFor(`${n} calls`, () => starts.length === n, 12_000);
    } finally {
      await Promise.all(pools.map((p) => p.close()));
    }
    const elapsed = Math.max(...starts) - Math.min(...starts);
    const perSecond = busiest(starts, 1000);
    // 600 a minute is 10 a second: never a burst of 600 then a wait, never more than 10 in any second.
    assert.ok(perSecond <= 10, `at most 10 starts in any second, saw ${perSecond}`);
    // 50 calls at 10 a second: 5 windows, the last opening at least 4 windows after the first.
    assert.ok(elapsed >= 4 * 1000, `50 calls took ${elapsed} ms`);
    assert.ok(((n - 10) / elapsed) * 60_000 <= 600, `${Math.round(((n - 10) / elapsed) * 60_000)} a minute`);
  });
});
