import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { WorkerPool } from '../../src/queue/types.js';
import { startWorkers } from '../../src/queue/workers.js';
import { needs } from '../support/needs.js';
import { REDIS_SERVER, startRedis } from '../support/redis.js';
import { queueOnRedis, RUN, sleep, variantIds, waitFor } from './wait.js';

const WORKERS_TS = pathToFileURL(new URL('../../src/queue/workers.ts', import.meta.url).pathname).href;

/**
 * A worker in its own process that reports each job it takes and never finishes one (until killed);
 * on SIGTERM it closes its pool, reports how long that took, and exits.
 */
function hangingWorker(url: string, model: string, lockMs: number) {
  const code = [
    `import { startWorkers } from ${JSON.stringify(WORKERS_TS)};`,
    `const pool = await startWorkers(${JSON.stringify(url)}, [${JSON.stringify(model)}], (job) => {`,
    "  process.stdout.write('took ' + job.variantId + '\\n');",
    '  return new Promise(() => {});',
    `}, { concurrency: 1, name: 'doomed:' + process.pid, lockMs: ${lockMs} });`,
    "process.on('SIGTERM', async () => {",
    '  const t = Date.now();',
    '  await pool.close();',
    "  process.stdout.write('closed in ' + (Date.now() - t) + ' ms\\n');",
    '  process.exit(0);',
    '});',
    "process.stdout.write('ready\\n');",
  ].join('\n');
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (b: Buffer) => {
    out += b.toString();
  });
  return { child, out: () => out };
}

describe('queue faults', { skip: needs(REDIS_SERVER) }, () => {
  const ctx = queueOnRedis();

  it('close() finishes the calls in flight before it returns', async () => {
    const model = 'fault:close';
    await ctx.q.enqueue(RUN, model, variantIds(2), { concurrency: 2 });
    let started = 0;
    let finished = 0;
    const pool = await startWorkers(
      ctx.redis.url,
      [model],
      async () => {
        started++;
        await sleep(700);
        finished++;
      },
      { concurrency: 2, name: 'closer:1' },
    );
    await waitFor('2 calls in flight', () => started === 2);
    await pool.close();
    assert.equal(finished, 2, 'both calls ran to their end');
    const [c] = await ctx.q.counts([model]);
    assert.equal(c.active + c.waiting, 0, 'and were marked done, not left active for the stalled check');
  });

  it('a call whose handle throws is tried 3 times (1 s, then 2 s apart), then dropped from Redis', async () => {
    const model = 'fault:throws';
    await ctx.q.enqueue(RUN, model, ['v-bad'], { concurrency: 1 });
    const tries: number[] = [];
    const pool = await startWorkers(
      ctx.redis.url,
      [model],
      async () => {
        tries.push(Date.now());
        throw new Error('provider down');
      },
      { concurrency: 1, name: 'thrower:1' },
    );
    try {
      await waitFor('3 tries', () => tries.length === 3, 8000);
      await waitFor('the job gone', async () => {
        const [c] = await ctx.q.counts([model]);
        return c.waiting + c.active + c.delayed + c.failed === 0;
      });
      await sleep(500);
      assert.equal(tries.length, 3, 'no fourth try');
      assert.ok(tries[1] - tries[0] >= 1000 && tries[2] - tries[1] >= 2000, `tries ${tries[1] - tries[0]} and ${tries[2] - tries[1]} ms apart`);
      assert.equal(await ctx.q.enqueue(RUN, model, ['v-bad'], { concurrency: 1 }), 1, 'so a resume can enqueue it again');
    } finally {
      await pool.close();
    }
  });

  it('a call whose worker was SIGKILLed is done by another worker once the lock expires', async () => {
    const model = 'fault:kill/x';
    const lockMs = 1000;
    await ctx.q.enqueue(RUN, model, ['v-kill'], { concurrency: 1 });
    const { child, out } = hangingWorker(ctx.redis.url, model, lockMs);
    const exited = once(child, 'exit');
    let pool: WorkerPool | undefined;
    try {
      await waitFor('the child to take the job', () => out().includes('took v-kill'), 15_000);
      child.kill('SIGKILL');
      await exited;
      const killedAt = Date.now();
      const done: string[] = [];
      pool = await startWorkers(ctx.redis.url, [model], async (j) => void done.push(j.variantId), { concurrency: 1, name: 'heir:1', lockMs });
      await waitFor('the job to come back', () => done.length > 0, 10_000);
      assert.deepEqual(done, ['v-kill']);
      console.log(`the killed worker's job came back after ${Date.now() - killedAt} ms (lock ${lockMs} ms)`);
    } finally {
      child.kill('SIGKILL');
      await pool?.close();
    }
  });

  it('Redis restarted mid-run loses no enqueued job, and enqueue waits for it to come back', async () => {
    const model = 'fault:restart';
    const first = variantIds(30, 'a');
    const late = variantIds(10, 'b');
    await ctx.q.enqueue(RUN, model, first, { concurrency: 2 });
    const handled = new Set<string>();
    let calls = 0;
    const pool = await startWorkers(
      ctx.redis.url,
      [model],
      async (j) => {
        await sleep(40);
        calls++;
        handled.add(j.variantId);
      },
      { concurrency: 2, name: 'survivor:1', lockMs: 1000 },
    );
    try {
      await waitFor('some calls done', () => handled.size >= 6);
      const restarting = ctx.redis.restart(500);
      await sleep(150);
      // Sent while Redis is down: held by the client until it reconnects.
      const adding = ctx.q.enqueue(RUN, model, late, { concurrency: 2 });
      await restarting;
      assert.equal(await adding, 10);
      await waitFor('every call done', () => handled.size === 40, 20_000);
      assert.deepEqual([...handled].sort(), [...first, ...late].sort());
      console.log(`${calls} calls for 40 jobs across the restart`);
    } finally {
      await pool.close();
    }
  });

  it('a worker told to stop while Redis is down stops within its 5 s grace instead of waiting for Redis', async () => {
    const own = await startRedis();
    const { child, out } = hangingWorker(own.url, 'fault:gone', 1000);
    const exited = once(child, 'exit');
    try {
      await waitFor('the worker to start', () => out().includes('ready'), 15_000);
      await own.stop();
      child.kill('SIGTERM');
      await waitFor('the worker to exit', () => child.exitCode !== null, 10_000);
      await exited;
      const ms = Number(/closed in (\d+) ms/.exec(out())?.[1]);
      assert.ok(ms >= 4900 && ms < 8000, out());
    } finally {
      child.kill('SIGKILL');
      await own.stop();
    }
  });
});
