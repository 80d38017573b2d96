import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { Rng } from '../../src/util/rng.js';
import { MEDQA, runCli } from '../support/cli.js';
import { comparableResults, medqaConfig, startWorker, stopWorker, type WorkerProcess } from '../support/cluster.js';
import { startFakeOpenAI, type FakeOpenAI } from '../support/fake-openai.js';
import { MEDQA_DATA, needs } from '../support/needs.js';
import { hashAnswerer, medqaGold } from '../support/oracle.js';
import { postgresMissing, startPostgres, type TestPostgres } from '../support/postgres.js';
import { REDIS_SERVER, startRedis, type RedisServer } from '../support/redis.js';

// The check is 60 MedQA cases (MASLD_CLUSTER_CASES=60); CI runs 24 to keep its time, the same every other way.
const N = Number(process.env.MASLD_CLUSTER_CASES ?? 24);
const skip = needs(MEDQA_DATA, REDIS_SERVER) || postgresMissing();

describe('an audit spread over a coordinator and 3 workers', { skip }, () => {
  let server: FakeOpenAI;
  let pg: TestPostgres;
  let redis: RedisServer;
  let single: string;
  let setup: { dir: string; config: string };
  /** Requests the single-process run sent: every call once. */
  let calls = 0;

  before(async () => {
    const answer = hashAnswerer(medqaGold(MEDQA, N));
    server = await startFakeOpenAI({ answer: (u, b) => answer(u, b.model) });
    [pg, redis] = await Promise.all([startPostgres(), startRedis()]);
    setup = medqaConfig(server.url, N);
    const out = join(setup.dir, 'single');
    const r = await runCli(['audit', '--config', setup.config, '--out', out, '--no-progress'], { timeoutMs: 300_000 });
    assert.equal(r.code, 0, r.stderr);
    single = comparableResults(out, setup.dir, server.url);
    calls = server.requests;
  });
  after(async () => {
    await server?.close();
    await Promise.all([pg?.stop(), redis?.stop()]);
  });

  /** status, report --store and export --store on the finished run; a worker without --models serves the stored runs' models. */
  async function readsTheSharedRun(store: string, out: string) {
    const idle = startWorker(redis.url, store);
    try {
      for (const end = Date.now() + 30_000; !/serving/.test(idle.log()) && Date.now() < end; ) await sleep(50);
      assert.match(idle.log(), /serving steady, shaky/);
      const st = await runCli(['status', '--queue', redis.url, '--store', store]);
      assert.equal(st.code, 0, st.stderr);
      const variants = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')).design.variants as number;
      // Per model: calls, done, failed, waiting, running, given up.
      for (const m of ['steady', 'shaky']) {
        const row = st.stdout.split('\n').find((l) => new RegExp(`\\b${m}\\b`).test(l)) ?? '';
        assert.deepEqual(row.match(/\d+/g)?.slice(-6).map(Number), [variants, variants, 0, 0, 0, 0], st.stdout);
      }
      assert.match(st.stdout, /Workers alive \(4\)/);
      const archived = join(setup.dir, 'archive', 'run.sqlite');
      const ex = await runCli(['export', '--store', store, '--out', archived]);
      assert.equal(ex.code, 0, ex.stderr);
      const pulled = join(setup.dir, 'pulled');
      const rep = await runCli(['report', pulled, '--store', store, '--run', ex.stdout.match(/run ([0-9a-f]{12})/)![1]]);
      assert.equal(rep.code, 0, rep.stderr);
      assert.equal(comparableResults(pulled, setup.dir, server.url), single);
      assert.equal(statSync(archived).size > 0, true);
    } finally {
      assert.equal(await stopWorker(idle), 0, idle.log());
    }
  }

  // One cluster run does for both of the checks (equal results; equal under faults), to keep CI short.
  const title = "writes the single process's results.json, byte for byte apart from times and folders, though a worker is SIGKILLed 5 times";
  it(`${title} and Redis and PostgreSQL restart mid-run`, async () => {
    const store = await pg.database('faults');
    const rng = new Rng('cluster-faults', 1);
    const flags = ['--models', 'steady,shaky', '--concurrency', '4', '--lock-ms', '1500'];
    const workers = [0, 1, 2].map(() => startWorker(redis.url, store, flags));
    const killed: WorkerProcess[] = [];
    // When each fault strikes, as a share of the calls: five kills at random moments, and each server restarted once.
    const plan = [
      ...[0, 1, 2, 3, 4].map((k) => ({ at: 0.08 + k * 0.15 + rng.next() * 0.1, what: 'kill' as const })),
      { at: 0.3 + rng.next() * 0.05, what: 'redis' as const },
      { at: 0.55 + rng.next() * 0.05, what: 'postgres' as const },
    ].sort((a, b) => a.at - b.at);
    const start = server.requests;
    let faults = Promise.resolve();
    const ticker = setInterval(() => {
      while (plan.length && server.requests - start >= plan[0].at * calls) {
        const f = plan.shift()!;
        faults = faults.then(async () => {
          if (f.what === 'redis') return redis.restart(300);
          if (f.what === 'postgres') return pg.restart(300);
          const i = rng.int(workers.length);
          workers[i].child.kill('SIGKILL');
          killed.push(workers[i]);
          workers[i] = startWorker(redis.url, store, flags);
        });
      }
    }, 10);
    try {
      const out = join(setup.dir, 'faults');
      const r = await runCli(['audit', '--config', setup.config, '--out', out, '--queue', redis.url, '--store', store, '--no-progress'], {
        timeoutMs: 400_000,
      });
      clearInterval(ticker);
      await faults;
      assert.equal(r.code, 0, `${r.stderr}\n${workers.map((w) => w.log()).join('\n')}`);
      assert.match(r.stderr, /calls for the workers \(\d+ newly queued\), 0 already stored/);
      assert.equal(plan.length, 0, 'every fault struck before the run ended');
      assert.equal(killed.length, 5);
      for (const k of killed) assert.equal(await k.exited, null, 'killed by SIGKILL');
      assert.equal(comparableResults(out, setup.dir, server.url), single);
      // Calls in flight when a worker died were made again (the queue gave them to another), but stored once.
      assert.ok(server.requests - start >= calls, `${server.requests - start} requests for ${calls} calls`);
      // Started again, nothing is redone: every call is already stored.
      const before = server.requests;
      const again = await runCli(['audit', '--config', setup.config, '--out', out, '--queue', redis.url, '--store', store, '--no-progress']);
      assert.equal(again.code, 0, again.stderr);
      assert.match(again.stderr, /: 0 calls for the workers/);
      assert.equal(server.requests, before, 'a resumed cluster audit sends nothing');
      await readsTheSharedRun(store, out);
    } finally {
      clearInterval(ticker);
      for (const w of workers) await stopWorker(w);
    }
  });
});
