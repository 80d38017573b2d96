import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadCases } from '../../src/cases/load.js';
import { startFakeOpenAI } from '../support/fake-openai.js';
import { optionKey, oracleAnswer } from '../support/oracle.js';
import { runCli, tempDir } from '../support/cli.js';
import { Rng } from '../../src/util/rng.js';
import { listProbes } from '../../src/probes/registry.js';

const gold = () => new Map(loadCases().cases.map((c) => [optionKey(Object.values(c.options)), c.options[c.answer]]));
const readJson = (p: string) => JSON.parse(readFileSync(p, 'utf8'));

describe('reliability under faults and kills', () => {
  it('a 60-case, all-probe audit with 30% faulty requests equals the fault-free audit', async () => {
    const answer = oracleAnswer(gold());
    const clean = await startFakeOpenAI({ answer });
    const faulty = await startFakeOpenAI({
      answer,
      faultRate: 0.3,
      faults: ['http500', 'http503', 'http429', 'http429RetryAfter', 'reset', 'hang', 'trickle', 'truncated', 'emptyChoices', 'wrongFormat'],
    });
    try {
      const dir = tempDir();
      const run = async (url: string, name: string) => {
        const config = join(dir, `${name}.yaml`);
        writeFileSync(
          config,
          `cases: {limit: 60}\ncounterfactuals: []\ndoses: [1]\nmodels:\n  - {id: oracle, provider: openai-compatible, baseUrl: ` +
            `"${url}", model: oracle}\ntimeoutMs: 1500\nretries: 12\nretryDelayMs: 5\nconcurrency: 32\n`,
        );
        const r = await runCli(['audit', '--config', config, '--out', join(dir, name), '--no-progress']);
        assert.equal(r.code, 0, r.stderr);
        return readJson(join(dir, name, 'results.json'));
      };
      const a = await run(clean.url, 'clean');
      const b = await run(faulty.url, 'faulty');
      assert.deepEqual(
        a.design.probes,
        listProbes().map((p) => p.name),
        'the default audit runs every registered probe',
      );
      assert.deepEqual(b.models[0].metrics, a.models[0].metrics, 'every answer attributed to its case and variant: identical metrics');
      assert.deepEqual(b.models[0].probes, a.models[0].probes);
      assert.equal(b.models[0].calls.failed, 0);
      assert.equal(b.models[0].calls.attempts, faulty.requests, 'the call counts show every retry');
      assert.ok(faulty.faultsServed > 100, `${faulty.faultsServed} faults injected`);
      // Row by row: the same answer for every (case, condition).
      const rows = (n: string) =>
        readFileSync(join(dir, n, 'results.csv'), 'utf8')
          .split('\n')
          .map((l) => l.split(',').slice(0, 13).join(','))
          .sort();
      assert.deepEqual(rows('faulty'), rows('clean'));
    } finally {
      await clean.close();
      await faulty.close();
    }
  });

  it('opens the circuit of a model whose provider is down and carries on with the others', async () => {
    const answer = oracleAnswer(gold());
    const server = await startFakeOpenAI({
      answer: (u, b) => {
        if (b.model === 'down') throw new Error('down');
        return answer(u);
      },
    });
    try {
      const dir = tempDir();
      const config = join(dir, 'a.yaml');
      writeFileSync(
        config,
        `cases: {limit: 10}\ncounterfactuals: []\nmodels:\n  - {id: up, provider: openai-compatible, baseUrl: ` +
          `"${server.url}", model: up}\n  - {id: down, provider: openai-compatible, baseUrl: "${server.url}", model: ` +
          `down}\nretries: 0\nconcurrency: 1\n`,
      );
      const r = await runCli(['audit', '--config', config, '--out', join(dir, 'out'), '--no-progress']);
      assert.equal(r.code, 1);
      assert.match(r.stderr, /stopped calling down after repeated failures/);
      const res = readJson(join(dir, 'out', 'results.json'));
      const up = res.models.find((m: { id: string }) => m.id === 'up');
      const down = res.models.find((m: { id: string }) => m.id === 'down');
      assert.equal(up.calls.missing, 0, 'the healthy model finished');
      assert.equal(down.calls.failed, 20, 'the circuit opened after 20 consecutive failures');
      assert.ok(down.calls.missing > 20);
    } finally {
      await server.close();
    }
  });

  it('survives 10 SIGKILLs at random moments; results equal an uninterrupted run; no completed call repeated', async () => {
    const server = await startFakeOpenAI({ answer: oracleAnswer(gold()), latencyMs: 10 });
    try {
      const dir = tempDir();
      const config = join(dir, 'a.yaml');
      writeFileSync(
        config,
        `cases: {limit: 8}\ncounterfactuals: [sex]\nmodels:\n  - {id: oracle, provider: openai-compatible, baseUrl: ` +
          `"${server.url}", model: oracle}\nconcurrency: 4\n`,
      );
      const ref = await runCli(['audit', '--config', config, '--out', join(dir, 'ref'), '--no-progress']);
      assert.equal(ref.code, 0, ref.stderr);
      const calls = readJson(join(dir, 'ref', 'results.json')).models[0].calls.total;
      const before = server.requests;
      const out = join(dir, 'killed');
      const rng = new Rng('kill-moments');
      let kills = 0;
      for (let i = 0; i < 10; i++) {
        const start = server.requests;
        const target = start + 1 + rng.int(25);
        const r = await runCli(['audit', '--config', config, '--out', out, '--no-progress'], {
          signalWhen: { signal: 'SIGKILL', ready: () => server.requests >= target },
        });
        if (r.signal === 'SIGKILL') kills++;
      }
      const fin = await runCli(['audit', '--config', config, '--out', out, '--no-progress']);
      assert.equal(fin.code, 0, fin.stderr);
      const strip = (p: string) => JSON.stringify({ ...readJson(p), generatedAt: null });
      assert.equal(strip(join(out, 'results.json')), strip(join(dir, 'ref', 'results.json')), 'byte-identical apart from the timestamp');
      const made = server.requests - before;
      assert.ok(kills >= 5, `${kills} kills landed mid-run`);
      assert.ok(made <= calls + kills * 4, `${made} requests for ${calls} calls: only calls in flight at a kill (≤ 4 each) were repeated`);
    } finally {
      await server.close();
    }
  });
});
