import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MasldError } from '../../src/errors.js';
import { openCallQueue } from '../../src/queue/call-queue.js';
import { jobIdOf, modelOfQueue, queueName, rateWindow } from '../../src/queue/names.js';
import type { CallJob, WorkerPool } from '../../src/queue/types.js';
import { startWorkers } from '../../src/queue/workers.js';
import { needs } from '../support/needs.js';
import { REDIS_SERVER, startRedis } from '../support/redis.js';
import { queueOnRedis, RUN, sleep, variantIds, waitFor } from './wait.js';

describe('queue and job names', () => {
  it('are injective, hold no colon, and give the model back', () => {
    const models = ['openai:gpt-4o', 'openai/gpt-4o', 'openai_gpt-4o', 'vllm:meta-llama/Llama-3-8B:q4', '', 'é:ü'];
    const names = models.map(queueName);
    assert.equal(new Set(names).size, models.length);
    for (const [i, n] of names.entries()) {
      assert.doesNotMatch(n, /:/);
      assert.equal(modelOfQueue(n), models[i]);
    }
    assert.equal(modelOfQueue('someone-else'), undefined);
  });

  it('give each call its own job id, never an integer and without colon', () => {
    const calls: CallJob[] = [
      { runId: RUN, modelId: 'a:b', variantId: 'c' },
      { runId: RUN, modelId: 'a', variantId: 'b:c' },
      { runId: RUN, modelId: 'a:b', variantId: 'c/d' },
      { runId: 'cd'.repeat(32), modelId: 'a:b', variantId: 'c' },
    ];
    const ids = calls.map(jobIdOf);
    assert.equal(new Set(ids).size, calls.length);
    for (const id of ids) assert.ok(!id.includes(':') && `${Number.parseInt(id, 10)}` !== id, id);
    assert.equal(jobIdOf({ runId: '1', modelId: '', variantId: '' }), '1..');
  });

  it('spread a rate evenly and never above it over any minute', () => {
    assert.deepEqual(rateWindow(600), { max: 10, duration: 1017 });
    for (const rpm of [1, 7, 59, 60, 61, 90, 600, 10_000]) {
      const { max, duration } = rateWindow(rpm);
      assert.ok(max <= Math.ceil(rpm / 60) && max >= 1);
      assert.ok((Math.floor(60_000 / duration) + 1) * max <= Math.max(rpm, 1), `rpm ${rpm}: ${max}/${duration} ms`);
    }
  });
});

describe('call queue on Redis', { skip: needs(REDIS_SERVER) }, () => {
  const ctx = queueOnRedis();

  it('adds a queued call once: enqueueing twice adds nothing', async () => {
    const model = 'openai:gpt-4o/mini';
    assert.equal(await ctx.q.enqueue(RUN, model, variantIds(3), { concurrency: 2 }), 3);
    assert.equal(await ctx.q.enqueue(RUN, model, variantIds(4), { concurrency: 2 }), 1);
    assert.equal(await ctx.q.enqueue(RUN, model, variantIds(4), { concurrency: 2 }), 0);
    assert.equal(await ctx.q.enqueue('cd'.repeat(32), model, variantIds(2), { concurrency: 2 }), 2, 'another run is another call');
    const [c] = await ctx.q.counts([model]);
    assert.deepEqual(c, { modelId: model, waiting: 6, active: 0, delayed: 0, failed: 0, completed: 0 });
  });

  it('counts the jobs of each model apart', async () => {
    await ctx.q.enqueue(RUN, 'count:a', variantIds(5), { concurrency: 1 });
    await ctx.q.enqueue(RUN, 'count:b', variantIds(2), { concurrency: 1, rpm: 60 });
    const c = await ctx.q.counts(['count:a', 'count:b', 'count:none']);
    assert.deepEqual(
      c.map((x) => [x.modelId, x.waiting]),
      [
        ['count:a', 5],
        ['count:b', 2],
        ['count:none', 0],
      ],
    );
  });

  it("gives workers only their models' jobs, and lists who serves what", async () => {
    const [a, b] = ['serve:a/x', 'serve:b/y'];
    await ctx.q.enqueue(RUN, a, variantIds(6), { concurrency: 4 });
    await ctx.q.enqueue(RUN, b, variantIds(3), { concurrency: 4 });
    const seen: Record<string, CallJob[]> = { one: [], two: [] };
    const pools: WorkerPool[] = [];
    try {
      pools.push(await startWorkers(ctx.redis.url, [a], async (j) => void seen.one.push(j), { concurrency: 2, name: 'host-1:101' }));
      await waitFor('model a done', () => seen.one.length === 6);
      await sleep(300);
      assert.ok(
        seen.one.every((j) => j.modelId === a && j.runId === RUN),
        'only model a',
      );
      assert.deepEqual((await ctx.q.counts([b]))[0].waiting, 3, "model b's jobs wait for a worker that serves b");
      pools.push(await startWorkers(ctx.redis.url, [a, b], async (j) => void seen.two.push(j), { concurrency: 2, name: 'host-2:202' }));
      await waitFor('model b done', () => seen.two.length === 3);
      assert.deepEqual(seen.two.map((j) => j.variantId).sort(), variantIds(3));
      const listed = (await ctx.q.workers()).filter((w) => w.name.startsWith('host-'));
      assert.deepEqual(listed, [
        { name: 'host-1:101', models: [a] },
        { name: 'host-2:202', models: [a, b].sort() },
      ]);
      assert.deepEqual(
        (await ctx.q.counts([a, b])).map((c) => c.waiting + c.active + c.completed),
        [0, 0],
        'done jobs leave Redis',
      );
    } finally {
      await Promise.all(pools.map((p) => p.close()));
    }
    await waitFor('closed workers gone from the list', async () => !(await ctx.q.workers()).some((w) => w.name.startsWith('host-')), 5000);
    assert.equal(await ctx.q.enqueue(RUN, a, variantIds(6), { concurrency: 4 }), 6, 'a done call can be enqueued again (resume)');
  });
});

describe('an unreachable Redis', { skip: needs(REDIS_SERVER) }, () => {
  const expectUnreachable = (port: number, password: string) => (e: unknown) => {
    assert.ok(e instanceof MasldError, String(e));
    assert.equal(e.code, 'E_QUEUE_UNREACHABLE');
    assert.equal(e.exitCode, 2);
    assert.match(e.message, new RegExp(`127\\.0\\.0\\.1:${port}`));
    assert.ok(!e.message.includes(password) && !String(e.stack).includes(password), e.message);
    return true;
  };

  it('fails at open with a typed error that names the URL without its password', async () => {
    const redis = await startRedis();
    const { port } = redis;
    await redis.stop();
    const url = `redis://masld:s3cret-pw@127.0.0.1:${port}`;
    await assert.rejects(openCallQueue(url), expectUnreachable(port, 's3cret-pw'));
    await assert.rejects(
      startWorkers(url, ['m'], async () => {}, { concurrency: 1, name: 'w:1' }),
      expectUnreachable(port, 's3cret-pw'),
    );
  });

  it('a wrong password is refused without showing it', async () => {
    const redis = await startRedis({ password: 'right-pw' });
    try {
      await assert.rejects(openCallQueue(`redis://:wrong-pw@127.0.0.1:${redis.port}`), expectUnreachable(redis.port, 'wrong-pw'));
      const q = await openCallQueue(redis.url);
      try {
        assert.equal(await q.enqueue(RUN, 'm', ['v'], { concurrency: 1 }), 1);
      } finally {
        await q.close();
      }
    } finally {
      await redis.stop();
    }
  });
});
