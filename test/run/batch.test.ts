import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli, tempDir } from '../support/cli.js';
import { startFakeBatch, type FakeBatch, type FakeBatchOptions } from '../support/fake-batch.js';
import { writeMedqaFixture } from '../support/fixtures.js';
import { normaliseResults } from '../support/golden.js';
import Database from 'better-sqlite3';

const CASES = 6;
const ENV = { OPENAI_API_KEY: 'test-key', ANTHROPIC_API_KEY: 'test-key' };

function setup(server: FakeBatch, protocol: 'openai' | 'anthropic', batch = '{pollMs: 20, maxPollMs: 40}') {
  const dir = tempDir();
  const cfg = join(dir, 'audit.yaml');
  const model = protocol === 'openai' ? 'gpt-4o-mini' : 'claude-haiku-4-5';
  writeFileSync(
    cfg,
    `cases:\n  path: ${writeMedqaFixture(dir)}\n  limit: ${CASES}\nmodels:\n  - id: m\n    ` +
      `provider: ${protocol}\n    baseUrl: ${server.url}\n    model: ${model}\n    mode: batch\n    ` +
      `batch: ${batch}\nretest: 0\nprobes: []\ncounterfactuals: []\n`,
  );
  return { cfg, out: join(dir, 'out') };
}

async function withServer(o: FakeBatchOptions, fn: (s: FakeBatch) => Promise<void>) {
  const s = await startFakeBatch(o);
  try {
    await fn(s);
  } finally {
    await s.close();
  }
}

const answer = () => '{"answer": "A"}';
/** Answers that differ between questions, so results from the wrong replies would differ. */
const varied = (u: string) => `{"answer": "${'ABCD'[u.length % 4]}"}`;
const results = (out: string) => JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
const KILL_IN_CREATE = 60_000;

/** The calls stored in a run's folder: variant, mode and reply. */
function storedCalls(out: string) {
  const db = new Database(join(out, 'audit.sqlite'), { readonly: true });
  try {
    return db.prepare(`SELECT variant_id, mode, status, raw FROM calls ORDER BY variant_id`).all() as {
      variant_id: string;
      mode: string;
      status: string;
      raw: string;
    }[];
  } finally {
    db.close();
  }
}

/** results.json of an uninterrupted run of the same config against the same server, in a fresh folder, beside the given run's. */
async function sameAsUninterrupted(cfg: string, out: string) {
  const ref = `${out}-uninterrupted`;
  const r = await runCli(['audit', '--config', cfg, '--out', ref, '--no-progress'], { env: ENV });
  assert.equal(r.code, 0, r.stderr);
  const text = (dir: string) => normaliseResults(readFileSync(join(dir, 'results.json'), 'utf8'), { out: dir });
  assert.equal(text(out), text(ref), 'results equal those of an uninterrupted run');
  assert.deepEqual(storedCalls(out), storedCalls(ref));
}

describe('mode: batch', () => {
  it('runs an OpenAI batch (file upload, create, poll, download) and prices it at the batch discount', () =>
    withServer({ protocol: 'openai', answer }, async (s) => {
      const { cfg, out } = setup(s, 'openai');
      const dry = await runCli(['audit', '--config', cfg, '--dry-run'], { env: ENV });
      assert.match(dry.stdout, /batch \(50% off\)/);
      const r = await runCli(['audit', '--config', cfg, '--out', out, '--no-progress'], { env: ENV });
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual([s.created, s.batchItems, s.liveCalls], [1, CASES, 0]);
      assert.match(String((s.metadata.batch_1 as Record<string, string>).masld_batch), /^b[0-9a-f]{16}$/, 'the batch carries its token');
      assert.deepEqual(s.deletedFiles, [s.inputFiles.batch_1, 'batch_1-out'], 'the input and output files are deleted once the batch is imported');
      const m = results(out).models[0];
      assert.equal(m.usage.byMode.batch.calls, CASES);
      assert.equal(m.metrics.accuracyClean.n, CASES, 'batch replies are parsed and scored as live ones');
      const live = (m.usage.inputTokens * 0.15 + m.usage.outputTokens * 0.6) / 1e6;
      assert.ok(Math.abs(m.usage.cost - live / 2) < 1e-6, `half the live price (${m.usage.cost} vs ${live})`);
      assert.match(m.usage.price.source, /^price table /);
      // Every output shows the batch price.
      assert.match(readFileSync(join(out, 'summary.md'), 'utf8'), /\| m \| batch \(×0\.5\) \| 6 \|/);
      assert.match(readFileSync(join(out, 'report.html'), 'utf8'), /<h3>Cost<\/h3>[\s\S]*batch \(×0\.5\)/);
    }));

  it('marks batch calls as such in results.csv', () =>
    withServer({ protocol: 'openai', answer }, async (s) => {
      const { cfg, out } = setup(s, 'openai');
      const r = await runCli(['audit', '--config', cfg, '--out', out, '--no-progress'], { env: ENV });
      assert.equal(r.code, 0, r.stderr);
      const [header, ...rows] = readFileSync(join(out, 'results.csv'), 'utf8').trim().split('\n');
      assert.equal(header.split(',').at(-1), 'mode');
      assert.equal(rows.length, CASES);
      for (const row of rows) assert.equal(row.split(',').at(-1), 'batch', row);
    }));

  it('prices a batch plan at the batch price against --budget: a plan over it is refused before any batch is created', () =>
    withServer({ protocol: 'openai', answer }, async (s) => {
      const { cfg, out } = setup(s, 'openai', '{pollMs: 20, maxPollMs: 40}');
      writeFileSync(cfg, readFileSync(cfg, 'utf8').replace('    mode: batch', '    mode: batch\n    price: {inputPerMTok: 2000, outputPerMTok: 2000}'));
      const dry = await runCli(['audit', '--config', cfg, '--dry-run'], { env: ENV });
      const estimate = Number(/m\s+TOTAL\s+batch \(50% off\)\s+\d+\s+[\d,]+\s+[\d,]+\s+\$([\d.]+)/.exec(dry.stdout)?.[1]);
      assert.ok(estimate > 0, dry.stdout);
      const r = await runCli(['audit', '--config', cfg, '--out', out, '--budget', (estimate * 0.6).toFixed(2), '--no-progress'], { env: ENV });
      assert.equal(r.code, 2, 'a plan over the budget is refused');
      assert.equal(s.created, 0);
    }));

  it('admits batch calls at their ceiling (every reply at maxTokens): replies far longer than estimated cannot cross --budget', () =>
    // Each reply runs to about 390 tokens against the 60 a JSON answer is estimated at.
    withServer({ protocol: 'openai', answer: () => `{"answer": "A", "why": "${'x'.repeat(1500)}"}` }, async (s) => {
      const { cfg, out } = setup(s, 'openai', '{pollMs: 20, maxPollMs: 40}');
      writeFileSync(cfg, readFileSync(cfg, 'utf8').replace('    mode: batch', '    mode: batch\n    price: {inputPerMTok: 2000, outputPerMTok: 2000}'));
      const dry = await runCli(['audit', '--config', cfg, '--dry-run'], { env: ENV });
      const estimate = Number(/m\s+TOTAL\s+batch \(50% off\)\s+\d+\s+[\d,]+\s+[\d,]+\s+\$([\d.]+)/.exec(dry.stdout)?.[1]);
      const budget = estimate * 1.5;
      const r = await runCli(['audit', '--config', cfg, '--out', out, '--budget', budget.toFixed(2), '--no-progress'], { env: ENV });
      assert.equal(r.code, 3, `stops at the budget with calls left: ${r.stderr}`);
      const spent = Number(/stopped at the budget: \$([\d.]+) spent/.exec(r.stderr)?.[1]);
      assert.ok(spent > 0 && spent <= budget, `spent ${spent} of a budget of ${budget.toFixed(2)}`);
      assert.ok(s.batchItems > 0 && s.batchItems < CASES, `${s.batchItems} of ${CASES} calls sent in the batch`);
    }));

  it('retries live what an Anthropic batch left when it expired half-done', () =>
    withServer({ protocol: 'anthropic', answer, expireFirstHalfDone: true }, async (s) => {
      const { cfg, out } = setup(s, 'anthropic');
      const r = await runCli(['audit', '--config', cfg, '--out', out, '--no-progress'], { env: ENV });
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual([s.created, s.batchItems, s.liveCalls], [1, CASES / 2, CASES / 2]);
      const u = results(out).models[0].usage;
      assert.deepEqual([u.byMode.batch.calls, u.byMode.live.calls], [CASES / 2, CASES / 2]);
    }));

  it('sends what expired in a follow-up batch when onFailed is batch', () =>
    withServer({ protocol: 'openai', answer, expireFirstHalfDone: true }, async (s) => {
      const { cfg, out } = setup(s, 'openai', '{pollMs: 20, maxPollMs: 40, onFailed: batch}');
      const r = await runCli(['audit', '--config', cfg, '--out', out, '--no-progress'], { env: ENV });
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual([s.created, s.batchItems, s.liveCalls], [2, CASES, 0]);
      assert.equal(results(out).models[0].usage.byMode.batch.calls, CASES);
      // The expired batch wrote an error file as well; every file either batch left is deleted.
      assert.deepEqual(new Set(s.deletedFiles), new Set([s.inputFiles.batch_1, 'batch_1-out', 'batch_1-err', s.inputFiles.batch_2, 'batch_2-out']));
    }));

  it('picks the same batch up after a kill during polling instead of paying twice', () =>
    withServer({ protocol: 'openai', answer, hold: true }, async (s) => {
      const { cfg, out } = setup(s, 'openai');
      const killed = await runCli(['audit', '--config', cfg, '--out', out], { env: ENV, signalWhen: { signal: 'SIGKILL', ready: () => s.polls >= 2 } });
      assert.equal(killed.signal, 'SIGKILL');
      assert.equal(s.created, 1);
      assert.match(killed.stderr, /batch batch_1: 0\/6 done/, 'progress shows the batch counts');
      s.release();
      const resumed = await runCli(['audit', '--config', cfg, '--out', out, '--no-progress'], { env: ENV });
      assert.equal(resumed.code, 0, resumed.stderr);
      assert.deepEqual([s.created, s.batchItems, s.liveCalls], [1, CASES, 0], 'one batch created in all');
      assert.equal(results(out).models[0].usage.byMode.batch.calls, CASES);
    }));

  for (const protocol of ['openai', 'anthropic'] as const) {
    it(`${protocol}: a kill while the create request is in flight, after the batch was made, is followed by finding that batch, not paying twice`, () =>
      withServer({ protocol, answer: varied, slowCreate: { ms: KILL_IN_CREATE, made: 'before' } }, async (s) => {
        const { cfg, out } = setup(s, protocol);
        const killed = await runCli(['audit', '--config', cfg, '--out', out], { env: ENV, signalWhen: { signal: 'SIGKILL', ready: () => s.created === 1 } });
        assert.equal(killed.signal, 'SIGKILL');
        const resumed = await runCli(['audit', '--config', cfg, '--out', out, '--no-progress'], { env: ENV });
        assert.equal(resumed.code, 0, resumed.stderr);
        assert.deepEqual([s.created, s.createRequests, s.batchItems, s.liveCalls], [1, 1, CASES, 0], 'exactly one batch made, each call answered once');
        assert.ok(s.lists >= 1, 'the resume looked the batch up');
        assert.match(
          resumed.stderr,
          protocol === 'openai'
            ? /batch batch_1 was created before an earlier run stopped \(found by its token b[0-9a-f]{16}\); polling it/
            : /batch batch_1 matches the batch being created when an earlier run stopped \(6 requests/,
        );
        const calls = storedCalls(out);
        assert.equal(calls.length, CASES);
        assert.ok(calls.every((c) => c.mode === 'batch' && c.status === 'ok'));
        if (protocol === 'openai') assert.deepEqual(s.deletedFiles, [s.inputFiles.batch_1, 'batch_1-out']);
        await sameAsUninterrupted(cfg, out);
      }));

    it(`${protocol}: a kill while the create request is in flight, before the batch was made, is followed by sending it again`, () =>
      withServer({ protocol, answer: varied, slowCreate: { ms: KILL_IN_CREATE, made: 'after' } }, async (s) => {
        const { cfg, out } = setup(s, protocol);
        const killed = await runCli(['audit', '--config', cfg, '--out', out], {
          env: ENV,
          signalWhen: { signal: 'SIGKILL', ready: () => s.createRequests === 1 },
        });
        assert.equal(killed.signal, 'SIGKILL');
        assert.equal(s.created, 0);
        const resumed = await runCli(['audit', '--config', cfg, '--out', out, '--no-progress'], { env: ENV });
        assert.equal(resumed.code, 0, resumed.stderr);
        assert.match(
          resumed.stderr,
          /a batch of 6 calls was being created when an earlier run stopped \(token b[0-9a-f]{16}\); the provider has no such batch/,
        );
        assert.deepEqual([s.created, s.batchItems, s.liveCalls], [1, CASES, 0]);
        await sameAsUninterrupted(cfg, out);
      }));

    it(`${protocol}: a create whose reply is lost is looked up before it is retried`, () =>
      withServer({ protocol, answer: varied, dropCreateReply: true }, async (s) => {
        const { cfg, out } = setup(s, protocol);
        const r = await runCli(['audit', '--config', cfg, '--out', out, '--no-progress'], { env: ENV });
        assert.equal(r.code, 0, r.stderr);
        assert.match(r.stderr, /the reply to creating batch batch_1 was lost, but the batch was made/);
        assert.deepEqual([s.created, s.createRequests, s.batchItems, s.liveCalls], [1, 1, CASES, 0]);
      }));
  }

  it('anthropic: a batch matched by size and time whose custom ids lack the token is not imported, and the lookup goes on', () =>
    withServer(
      { protocol: 'anthropic', answer: varied, strangerBeforeCreate: true, pageSize: 1, slowCreate: { ms: KILL_IN_CREATE, made: 'before' } },
      async (s) => {
        const { cfg, out } = setup(s, 'anthropic');
        const killed = await runCli(['audit', '--config', cfg, '--out', out], { env: ENV, signalWhen: { signal: 'SIGKILL', ready: () => s.created === 1 } });
        assert.equal(killed.signal, 'SIGKILL');
        const resumed = await runCli(['audit', '--config', cfg, '--out', out, '--no-progress'], { env: ENV });
        assert.equal(resumed.code, 0, resumed.stderr);
        assert.match(
          resumed.stderr,
          /batch stranger_1 is not this run's: 6 of its 6 custom ids lack the token b[0-9a-f]{16} it was matched for\. Nothing of it was imported/,
        );
        assert.match(resumed.stderr, /batch batch_1 matches the batch being created/);
        assert.deepEqual([s.created, s.batchItems, s.liveCalls], [1, CASES, 0], 'our batch found on the second look; nothing sent twice');
        assert.ok(
          storedCalls(out).every((c) => !c.raw.includes('stranger')),
          "none of the stranger's replies stored",
        );
        await sameAsUninterrupted(cfg, out);
      },
    ));
});
