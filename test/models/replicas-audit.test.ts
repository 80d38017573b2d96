import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runFingerprint } from '../../src/audit/fingerprint.js';
import { loadCases } from '../../src/cases/load.js';
import { parseConfigText } from '../../src/config/load.js';
import { runCli, tempDir } from '../support/cli.js';
import { type FakeOpenAI, startFakeOpenAI } from '../support/fake-openai.js';
import { optionKey, oracleAnswer } from '../support/oracle.js';
import { type ReplicaFront, startReplicaFront } from '../support/replica-front.js';

const started: { close(): Promise<void> }[] = [];
after(async () => {
  await Promise.all(started.splice(0).map((s) => s.close()));
});

const gold = () => new Map(loadCases().cases.map((c) => [optionKey(Object.values(c.options)), c.options[c.answer]]));
const results = (dir: string) => JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8'));
const m = (urls: string) => `models:\n  - {id: v, provider: openai-compatible, model: oracle, ${urls}}\n`;
const list = (urls: string[]) => `baseUrls: [${urls.map((u) => `"${u}"`).join(', ')}]`;

async function audit(dir: string, name: string, urls: string, out = name, opts: Parameters<typeof runCli>[1] = {}) {
  const config = join(dir, `${name}.yaml`);
  writeFileSync(config, `cases: {limit: 6}\ncounterfactuals: []\ndoses: [1]\nconcurrency: 8\nretries: 8\nretryDelayMs: 5\n${m(urls)}`);
  return runCli(['audit', '--config', config, '--out', join(dir, out), '--no-progress'], opts);
}

describe('replicas in a config and a full audit', () => {
  it('refuses baseUrl with baseUrls, a single replica, a replica twice, baseUrls off HTTP and in batch mode (exit 2, field named)', async () => {
    const dir = tempDir();
    const cases: [string, RegExp][] = [
      [m(`baseUrl: "http://127.0.0.1:1/v1", ${list(['http://127.0.0.1:2/v1', 'http://127.0.0.1:3/v1'])}`), /models\[0\]\.baseUrls: give baseUrl .* not both/],
      [m(list(['http://127.0.0.1:2/v1'])), /models\[0\]\.baseUrls: list 2 or more replicas/],
      [m(list(['http://127.0.0.1:2/v1', 'http://127.0.0.1:3/v1', 'http://127.0.0.1:2/v1/'])), /models\[0\]\.baseUrls\[2\]: lists the replica .* twice/],
      [
        `models:\n  - {id: c, provider: control, model: resilient, ${list(['http://a:1', 'http://b:1'])}}\n`,
        /models\[0\]\.baseUrls: control models take no baseUrls/,
      ],
      [`models:\n  - {id: o, provider: openai, model: x, mode: batch, ${list(['http://a:1', 'http://b:1'])}}\n`, /models\[0\]\.baseUrls: mode: batch/],
    ];
    for (const [i, [yaml, error]] of cases.entries()) {
      writeFileSync(join(dir, `${i}.yaml`), yaml);
      const r = await runCli(['audit', '--config', join(dir, `${i}.yaml`), '--out', join(dir, `o${i}`), '--no-progress']);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, error);
    }
  });

  it('fingerprint: one baseUrl exactly as before; a replica set whichever replicas it lists', () => {
    const print = (yaml: string) => {
      const c = parseConfigText(yaml, 'a.yaml');
      return runFingerprint(c, c.models!, []);
    };
    const single =
      'models:\n  - {id: v, provider: openai-compatible, model: m, baseUrl: "http://127.0.0.1:8000/v1"}\n  - {id: o, provider: ollama, model: llama3}\n';
    // Computed before replicas existed: runs started then still resume.
    assert.equal(print(single), '740c47955c877e18454b22a3d4b3b3397d7b0124697a1295f9da7f025ef596d0');
    const three = print(m(list(['http://a:1/v1', 'http://b:1/v1', 'http://c:1/v1'])));
    assert.equal(print(m(list(['http://c:1/v1', 'http://a:1/v1']))), three, 'adding, removing or reordering replicas keeps the run');
    assert.notEqual(print(m('baseUrl: "http://a:1/v1"')), three, 'one server and a replica set are told apart');
  });

  it('an audit over 3 replicas (one killed mid-run) writes the results of one server; a replica removed, it resumes', async () => {
    const answer = oracleAnswer(gold());
    const servers: FakeOpenAI[] = [];
    for (let i = 0; i < 4; i++) servers.push(await startFakeOpenAI({ answer, latencyMs: 20 }));
    started.push(...servers);
    const fronts: ReplicaFront[] = await Promise.all(servers.slice(1).map((s) => startReplicaFront(s.url)));
    started.push(...fronts);
    const urls = fronts.map((f) => f.url);
    const dir = tempDir();
    const one = await audit(dir, 'one', `baseUrl: "${servers[0].url}"`);
    assert.equal(one.code, 0, one.stderr);
    const calls = servers[0].requests;
    const spread = await audit(dir, 'spread', list(urls));
    assert.equal(spread.code, 0, spread.stderr);
    const strip = (d: string) => JSON.stringify({ ...results(join(dir, d)), generatedAt: null });
    assert.equal(strip('spread'), strip('one'), 'results.json byte for byte apart from the timestamp');
    const share = servers.slice(1).map((s) => s.requests);
    for (const n of share) assert.ok(n > calls * 0.25, `${share} of ${calls} calls: each replica served its share`);

    // One replica killed a third of the way in: every call still answered, by the others.
    const before = servers.map((s) => s.requests);
    const made = () => servers.slice(1).reduce((a, s, i) => a + s.requests - before[i + 1], 0);
    const killer = setInterval(() => made() >= calls / 3 && fronts[1].kill(), 2);
    const killed = await audit(dir, 'killed', list(urls)).finally(() => clearInterval(killer));
    assert.equal(killed.code, 0, killed.stderr);
    const res = results(join(dir, 'killed'));
    assert.equal(res.models[0].calls.failed, 0);
    assert.ok(res.models[0].calls.attempts > calls, `${res.models[0].calls.attempts} attempts: calls in flight on the replica died and were retried`);
    const same = (r: { models: { calls: object }[]; generatedAt: unknown }) => ({
      ...r,
      generatedAt: null,
      models: r.models.map((x) => ({ ...x, calls: null })),
    });
    assert.deepEqual(same(res), same(results(join(dir, 'one'))), 'the same answers; only the attempts differ');

    // A run killed halfway resumes with one replica fewer: only the missing calls are made, and the results are the same.
    fronts[1].restart();
    const at = made();
    const cut = await audit(dir, 'cut', list(urls), 'cut', { signalWhen: { signal: 'SIGKILL', ready: () => made() - at >= calls / 2 } });
    assert.equal(cut.signal, 'SIGKILL');
    const resumed = await audit(dir, 'fewer', list([urls[0], urls[2]]), 'cut');
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.match(resumed.stdout, /calls made, [1-9]\d* reused/);
    assert.equal(strip('cut'), strip('one'));
  });
});
