import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync, truncateSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { loadCases } from '../../src/cases/load.js';
import { startFakeOpenAI } from '../support/fake-openai.js';
import { optionKey, oracleAnswer } from '../support/oracle.js';
import { runCli, tempDir } from '../support/cli.js';

const gold = () => new Map(loadCases().cases.map((c) => [optionKey(Object.values(c.options)), c.options[c.answer]]));
const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');
const readJson = (p: string) => JSON.parse(readFileSync(p, 'utf8'));

describe('a damaged or foreign store is refused and never modified', () => {
  let good = '';
  it('writes a store to damage', async () => {
    const out = join(tempDir(), 'o');
    assert.equal((await runCli(['audit', '--out', out, '--limit', '3', '--no-progress'])).code, 0);
    good = join(out, 'audit.sqlite');
  });
  const damage: [string, (p: string) => void, RegExp][] = [
    ['truncated', (p) => truncateSync(p, Math.floor(statSync(p).size / 2)), /audit\.sqlite is damaged: truncated/],
    [
      'garbage',
      (p) => writeFileSync(p, Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 7919) % 251))),
      /audit\.sqlite is damaged: file is not a database/,
    ],
    [
      'not an audit store',
      (p) => {
        writeFileSync(p, '');
        const db = new Database(p);
        db.exec('CREATE TABLE t (x)');
        db.close();
      },
      /audit\.sqlite is damaged: not an ai-masld store/,
    ],
    [
      'written by a newer version',
      (p) => {
        const db = new Database(p);
        db.pragma('user_version = 99');
        db.close();
      },
      /audit\.sqlite was written by a newer version of masld \(store schema 99/,
    ],
    [
      'a run record this version does not read',
      (p) => {
        const db = new Database(p);
        db.exec(`UPDATE meta SET value = json_set(value, '$.config.bootstrap.resamples', 'many') WHERE key = 'run'`);
        db.close();
      },
      /audit\.sqlite: meta\.config\.bootstrap\.resamples: the run recorded in this store is not one this version of masld reads/,
    ],
  ];
  for (const [name, spoil, message] of damage) {
    it(`${name}: audit and report exit 2, name the file, and leave it byte-identical`, async () => {
      const out = join(tempDir(), 'o');
      const { mkdirSync } = await import('node:fs');
      mkdirSync(out);
      const store = join(out, 'audit.sqlite');
      copyFileSync(good, store);
      spoil(store);
      const before = sha(store);
      const a = await runCli(['audit', '--out', out, '--limit', '3', '--no-progress']);
      assert.equal(a.code, 2, a.stderr);
      assert.match(a.stderr, message);
      assert.match(a.stderr, /a new --out/);
      const r = await runCli(['report', out]);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, message);
      assert.equal(sha(store), before, 'the store is byte-identical');
    });
  }
});

describe('runs that die, readers beside a run, and stop signals', () => {
  const config = (dir: string, url: string) => {
    const p = join(dir, 'a.yaml');
    writeFileSync(
      p,
      `cases: {limit: 20}\ncounterfactuals: [sex]\nprobes: [distractor]\nmodels:\n  - {id: oracle, provider: ` +
        `openai-compatible, baseUrl: "${url}", model: oracle}\nconcurrency: 2\n`,
    );
    return p;
  };

  it('a resume after a run that died checks the store in full and says so', async () => {
    const server = await startFakeOpenAI({ answer: oracleAnswer(gold()), latencyMs: 20 });
    try {
      const dir = tempDir();
      const c = config(dir, server.url);
      const out = join(dir, 'o');
      const k = await runCli(['audit', '--config', c, '--out', out, '--no-progress'], {
        signalWhen: { signal: 'SIGKILL', ready: () => server.requests >= 10 },
      });
      assert.equal(k.signal, 'SIGKILL');
      const r = await runCli(['audit', '--config', c, '--out', out, '--no-progress']);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stderr, /the previous run in this folder \(pid \d+, started .*\) stopped without closing; integrity check of audit\.sqlite: ok/);
      const again = await runCli(['audit', '--config', c, '--out', out, '--no-progress']);
      assert.doesNotMatch(again.stderr, /integrity check/, 'a run that closed cleanly needs no check');
    } finally {
      await server.close();
    }
  });

  it('masld report during a running audit reads a snapshot, says the run is in progress, and the audit finishes unaffected', async () => {
    // Replies are held while the report runs: on a loaded machine the audit once finished first (E_SUPERSEDED).
    let held: Promise<void> = Promise.resolve();
    let release = () => {};
    const server = await startFakeOpenAI({ answer: oracleAnswer(gold()), latencyMs: 30, hold: () => held });
    try {
      const dir = tempDir();
      const c = config(dir, server.url);
      const ref = await runCli(['audit', '--config', c, '--out', join(dir, 'ref'), '--no-progress']);
      assert.equal(ref.code, 0, ref.stderr);
      const out = join(dir, 'o');
      const running = runCli(['audit', '--config', c, '--out', out, '--no-progress']);
      const start = server.requests;
      while (server.requests < start + 15) await new Promise((r) => setTimeout(r, 20));
      held = new Promise((r) => (release = r));
      const rep = await runCli(['report', out]).finally(() => release());
      assert.equal(rep.code, 0, rep.stderr);
      assert.match(rep.stdout, /still running: these outputs, in snapshot\/, are a snapshot of the \d+ calls answered so far/);
      // The snapshot never lands on the run's own outputs: a report slower than the rest of the run once replaced them.
      const snap = readJson(join(out, 'snapshot', 'results.json'));
      assert.ok(snap.models[0].calls.missing > 0, 'the snapshot holds only the calls answered so far');
      const fin = await running;
      assert.equal(fin.code, 0, fin.stderr);
      const strip = (p: string) => JSON.stringify({ ...readJson(p), generatedAt: null });
      assert.equal(strip(join(out, 'results.json')), strip(join(dir, 'ref', 'results.json')), 'the audit finished as if no one had read it');
      assert.equal(existsSync(join(out, 'snapshot')), false, 'the finished run removes the stale snapshot');
    } finally {
      await server.close();
    }
  });

  for (const [signal, code] of [
    ['SIGTERM', 143],
    ['SIGHUP', 129],
    ['SIGINT', 130],
  ] as const) {
    it(`${signal} stops like Ctrl-C: no new calls, what finished is kept, exit ${code}, and the resume completes`, async () => {
      const server = await startFakeOpenAI({ answer: oracleAnswer(gold()), latencyMs: 20 });
      try {
        const dir = tempDir();
        const c = config(dir, server.url);
        const out = join(dir, 'o');
        const r = await runCli(['audit', '--config', c, '--out', out, '--no-progress'], { signalWhen: { signal, ready: () => server.requests >= 10 } });
        assert.equal(r.code, code, r.stderr);
        assert.match(r.stderr, new RegExp(`stopping \\(${signal}\\)`));
        assert.match(r.stderr, /Resume with the same command and --out/);
        const fin = await runCli(['audit', '--config', c, '--out', out, '--no-progress']);
        assert.equal(fin.code, 0, fin.stderr);
        assert.match(fin.stdout, /calls made, [1-9]\d* reused/);
      } finally {
        await server.close();
      }
    });
  }
});
