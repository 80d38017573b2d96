import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { WorkerPool } from '../../src/queue/types.js';
import { startWorkers } from '../../src/queue/workers.js';
import { needs } from '../support/needs.js';
import { REDIS_SERVER } from '../support/redis.js';
import { queueOnRedis, RUN, sleep, variantIds, waitFor } from './wait.js';

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
  const ctx = queueOnRedis();

  it("a model's concurrency holds across 3 worker pools of 4", async () => {
    const model = 'limit:concurrency';
    await ctx.q.enqueue(RUN, model, variantIds(24), { concurrency: 3 });
    let inFlight = 0;
    let most = 0;
    let done = 0;
    const pools = await threePools(
      ctx.redis.url,
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
    await ctx.q.enqueue(RUN, model, variantIds(n), { concurrency: 30, rpm: 600 });
    const starts: number[] = [];
    const pools = await threePools(
      ctx.redis.url,
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
    // 600 a minute is 10 in each window of about a second: never a burst of 600 then a wait. A span of 1 s meets at most
    // two windows and one of 5 s at most six, whatever the load on the machine delays.
    const perSecond = busiest(starts, 1000);
    assert.ok(perSecond <= 20, `at most two windows' starts in any second, saw ${perSecond}`);
    const perFive = busiest(starts, 5000);
    assert.ok(perFive <= 60, `at most six windows' starts in any 5 s, saw ${perFive}`);
    // 50 calls at 10 a second: 5 windows, the last opening at least 4 windows after the first.
    assert.ok(elapsed >= 4 * 1000, `50 calls took ${elapsed} ms`);
    assert.ok(((n - 10) / elapsed) * 60_000 <= 600, `${Math.round(((n - 10) / elapsed) * 60_000)} a minute`);
  });
});
