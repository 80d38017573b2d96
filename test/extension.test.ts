import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { z } from 'zod';
import { audit, loadCases, MasldError, registerProbe, registerProvider, type Probe, type ProviderDefinition } from '../src/index.js';

/**
 * #19's done-when: a probe and a provider added through the public API alone
 * (src/index.ts), named in a YAML config, and used by an audit. No other
 * source file knows them.
 */

const CLUE = 'The clock in the waiting room had stopped at ten past four.';

/** TEST PROBE: one everyday sentence added at the end of the story; nothing else changes. */
const stoppedClock: Probe = {
  name: 'test_stopped_clock',
  description: 'test probe: an everyday sentence about a stopped clock at the end of the story',
  apply: (input) => ({
    narrative: `${input.narrative} ${CLUE}`,
    question: input.question,
    options: input.options,
    answer: input.answer,
    changes: { appended: CLUE },
  }),
};

const optionKey = (texts: string[]) =>
  texts
    .map((t) => t.replace(/\s+/g, ' ').trim().toLowerCase())
    .sort()
    .join('\u0000');
const CASES = 4;

/**
 * TEST PROVIDER: a model behind a small HTTP protocol of its own on
 * 127.0.0.1. The server answers every case's gold option, unless the prompt
 * holds the model's `swayedBy` text (the provider's own config key); then a
 * wrong one.
 */
function startOracle(key: string) {
  const gold = new Map(
    loadCases({ limit: CASES }).cases.map((c) => [optionKey(Object.values(c.options)), c.options[c.answer].replace(/\s+/g, ' ').trim().toLowerCase()]),
  );
  const seen = { requests: 0, byModel: new Map<string, number>() };
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      if (req.headers['x-test-key'] !== key) return void res.writeHead(401).end();
      const q = JSON.parse(body) as { model: string; prompt: string; swayedBy: string | null };
      seen.requests++;
      seen.byModel.set(q.model, (seen.byModel.get(q.model) ?? 0) + 1);
      const opts = q.prompt
        .split('\n')
        .filter((l) => /^[A-J]\. /.test(l))
        .map((l) => ({ letter: l[0], text: l.slice(3).replace(/\s+/g, ' ').trim().toLowerCase() }));
      const g = gold.get(optionKey(opts.map((o) => o.text)));
      const right = opts.find((o) => o.text === g)?.letter ?? 'A';
      const swayed = q.swayedBy !== null && q.prompt.includes(q.swayedBy);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ letter: swayed ? opts.find((o) => o.letter !== right)!.letter : right }));
    });
  });
  return { server, seen };
}

const testOracleOptions = { swayedBy: z.string().min(1).optional() };

const testOracle: ProviderDefinition<typeof testOracleOptions> = {
  name: 'test-oracle',
  preset: { keyEnv: 'TEST_ORACLE_KEY', keyRequired: true },
  options: testOracleOptions,
  check(m, problem) {
    if (!m.baseUrl) problem('baseUrl', 'test-oracle models need the baseUrl of their server');
  },
  create(m, init) {
    return {
      id: m.id,
      async complete(req) {
        const prompt = req.messages
          .filter((x) => x.role === 'user')
          .map((x) => x.content)
          .join('\n');
        const r = await fetch(`${init.baseUrl}/answer`, {
          method: 'POST',
          signal: req.signal,
          headers: { 'x-test-key': init.apiKey ?? '' },
          body: JSON.stringify({ model: m.model, prompt, swayedBy: m.swayedBy ?? null }),
        });
        if (!r.ok) throw new Error(`test-oracle: HTTP ${r.status}`);
        const { letter } = (await r.json()) as { letter: string };
        const text = JSON.stringify({ answer: letter, key_findings: [] });
        return { text, inputTokens: null, outputTokens: null, finishReason: 'stop', truncated: false };
      },
    };
  },
};

registerProbe(stoppedClock);
registerProvider(testOracle);

describe('a probe and a provider registered through the library API', () => {
  const dir = mkdtempSync(join(tmpdir(), 'masld-extension-'));
  const KEY = 'test-key-42';
  const oracle = startOracle(KEY);
  let url = '';
  const audited = join(dir, 'out');
  before(async () => {
    await new Promise<void>((r) => oracle.server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(oracle.server.address() as { port: number }).port}`;
  });
  after(() => {
    oracle.server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const writeConfig = (name: string, models: string) => {
    const file = join(dir, name);
    writeFileSync(
      file,
      `cases: {limit: ${CASES}}\nprobes: [${stoppedClock.name}]\ncounterfactuals: []\nretest: 0\nretryDelayMs: ` +
        `1\nbootstrap: {resamples: 1000}\nmodels:\n${models}`,
    );
    return file;
  };

  it('are named in a YAML config and used by an audit', async () => {
    const config = writeConfig(
      'audit.yaml',
      [
        `  - {id: swayed, provider: test-oracle, model: oracle-a, baseUrl: "${url}", swayedBy: "${CLUE}"}\n`,
        `  - {id: steady, provider: test-oracle, model: oracle-b, baseUrl: "${url}"}\n`,
      ].join(''),
    );
    const out = audited;
    const outcome = await audit({ config, out, env: { TEST_ORACLE_KEY: KEY } });
    assert.equal(outcome.calls.made, 2 * outcome.results.design.variants);

    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    assert.deepEqual(results.design.probes, [stoppedClock.name]);
    const probed = results.design.conditions[stoppedClock.name];
    assert.ok(probed > 0, 'the probe made variants');
    const byId = Object.fromEntries(results.models.map((m: { id: string }) => [m.id, m]));
    for (const id of ['swayed', 'steady']) {
      assert.equal(byId[id].provider, 'test-oracle');
      assert.equal(byId[id].calls.failed, 0, id);
      assert.equal(byId[id].calls.total, results.design.variants, id);
      assert.equal(byId[id].metrics.accuracyClean.value, 1, `${id} answers every clean case right`);
    }
    // Every stored answer came through the test provider's server, once per variant and model.
    assert.equal(oracle.seen.requests, 2 * results.design.variants);
    assert.deepEqual([...oracle.seen.byModel.entries()].sort(), [
      ['oracle-a', results.design.variants],
      ['oracle-b', results.design.variants],
    ]);
    // The probe's sentence reached the model: the swayed model flips on every probe variant, the steady one on none.
    assert.equal(byId.swayed.probes[stoppedClock.name].pfr.value, 1);
    assert.equal(byId.steady.probes[stoppedClock.name].pfr.value, 0);
    assert.equal(byId.swayed.metrics.accuracyStressed.value, 0);
  });

  it('is read back by a process that never registered the provider, which refuses only to resume it', () => {
    // A fresh process: the test provider is known to no module there.
    const api = pathToFileURL(join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'index.ts')).href;
    const script = join(dir, 'read-back.mts');
    writeFileSync(
      script,
      [
        `import { audit, computeMetrics, renderReport, MasldError } from ${JSON.stringify(api)};`,
        `const out = ${JSON.stringify(audited)};`,
        'const results = await computeMetrics(out);',
        'const reported = await renderReport(out);',
        'let resumed = null;',
        'try {',
        "  await audit({ out, models: ['control:labile'], limit: 4 });",
        '} catch (e) {',
        '  resumed = e instanceof MasldError ? { code: e.code, exitCode: e.exitCode, message: e.message } : { message: String(e) };',
        '}',
        'console.log(JSON.stringify({ results, snapshotOf: reported.snapshotOf, resumed }));',
      ].join('\n'),
    );
    const child = JSON.parse(
      execFileSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8', env: { ...process.env, MASLD_BOOTSTRAP_THREADS: '1' } }),
    );
    const written = JSON.parse(readFileSync(join(audited, 'results.json'), 'utf8'));
    const stamp = (r: { generatedAt?: string }) => ({ ...r, generatedAt: '' });
    assert.deepEqual(stamp(child.results), stamp(written), 'computeMetrics gives the numbers of the audit');
    assert.deepEqual(
      child.results.models.map((m: { provider: string }) => m.provider),
      ['test-oracle', 'test-oracle'],
    );
    assert.equal(child.snapshotOf, null, 'the report was rewritten from the store');
    assert.equal(child.resumed?.code, 'E_PROVIDER_UNREGISTERED', JSON.stringify(child.resumed));
    assert.equal(child.resumed.exitCode, 2);
    assert.match(child.resumed.message, /register provider "test-oracle" before resuming this run/);
  });

  it("checks the new provider's key variable and its own keys like any other", async () => {
    const config = writeConfig('keyless.yaml', `  - {id: m, provider: test-oracle, model: oracle-a, baseUrl: "${url}"}\n`);
    await assert.rejects(audit({ config, out: join(dir, 'keyless'), env: {} }), (e: unknown) => e instanceof MasldError && /TEST_ORACLE_KEY/.test(e.message));
    const misplaced = writeConfig(
      'misplaced.yaml',
      `  - {id: m, provider: test-oracle, model: oracle-a, baseUrl: "${url}"}\n  - {id: g, provider: openai, model: gpt-4o, swayedBy: clock}\n`,
    );
    await assert.rejects(
      audit({ config: misplaced, out: join(dir, 'misplaced'), env: {} }),
      (e: unknown) => e instanceof MasldError && /models\[1\]\.swayedBy: only test-oracle models take "swayedBy"/.test(e.message),
    );
    const noUrl = writeConfig('no-url.yaml', '  - {id: m, provider: test-oracle, model: oracle-a}\n');
    await assert.rejects(
      audit({ config: noUrl, out: join(dir, 'no-url'), env: {} }),
      (e: unknown) => e instanceof MasldError && /models\[0\]\.baseUrl: test-oracle models need the baseUrl/.test(e.message),
    );
  });
});
