import { CONTROL_NAMES } from '../../src/models/controls/behaviours.js';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { startFakeOpenAI } from '../support/fake-openai.js';
import { MEDQA, runCli, tempDir } from '../support/cli.js';
import { medqaGold, oracleAnswer, oracleGetsRight } from '../support/oracle.js';
import { MEDQA_FIXTURE, MMLU_FIXTURE, mmluGold, writeMedqaFixture, writeMmluFixture } from '../support/fixtures.js';
import { MEDQA_DATA, needs } from '../support/needs.js';
import { readFileSync as rf } from 'node:fs';
import { loadCases } from '../../src/cases/load.js';
import { listProviderDefinitions } from '../../src/models/registry.js';
import { optionKey } from '../support/oracle.js';

import { BANK_VERSION } from '../../src/cases/builtin.js';

const readJson = (p: string) => JSON.parse(readFileSync(p, 'utf8'));

describe('masld audit with no configuration', () => {
  it('audits the control panel on the built-in bank and writes every output', async () => {
    const out = join(tempDir(), 'run');
    const r = await runCli(['audit', '--out', out, '--limit', '12', '--no-progress']);
    assert.equal(r.code, 0, r.stderr);
    for (const f of ['results.json', 'results.csv', 'summary.md', 'audit.sqlite']) assert.ok(existsSync(join(out, f)), f);
    const res = readJson(join(out, 'results.json'));
    assert.equal(res.schemaVersion, 7);
    assert.equal(res.tool.name, 'ai-masld');
    // The shipped bank's version sits beside the case-set hash (data/cases/ERRATA.md).
    assert.equal(res.cases.bank, BANK_VERSION);
    assert.match(readFileSync(join(out, 'summary.md'), 'utf8'), new RegExp(`\\(bank ${BANK_VERSION.replace('.', '\\.')}\\)`));
    assert.deepEqual(
      res.models.map((m: { id: string }) => m.id),
      CONTROL_NAMES.map((n) => `control:${n}`),
    );
    assert.ok(res.models.every((m: { control: boolean }) => m.control));
    const resilient = res.models[0];
    assert.equal(resilient.metrics.accuracyClean.value, 1);
    assert.equal(resilient.metrics.accuracyClean.n, 12);
    assert.equal(resilient.calls.failed, 0);
    assert.equal(resilient.calls.missing, 0);
    assert.match(r.stdout, /control:resilient \(control\)/);
    assert.match(readFileSync(join(out, 'summary.md'), 'utf8'), /## Assay controls/);
    const csv = readFileSync(join(out, 'results.csv'), 'utf8').trim().split('\n');
    assert.equal(
      csv.length - 1,
      res.models.reduce((a: number, m: { calls: { total: number } }) => a + m.calls.total, 0),
      'one CSV row per call',
    );
  });
});

/**
 * The answer keys end to end: a server that answers from the gold texts it read
 * straight from the raw file, right or wrong by a known rule, must come out at
 * exactly the accuracy that rule gives. An importer that mislabels an answer,
 * or a scorer that misreads a reply, moves the number.
 */
async function oracleAudit(casesFile: string, gold: Map<string, string>, n: number): Promise<void> {
  const expected = [...gold.values()].filter(oracleGetsRight).length;
  assert.ok(expected > 0 && expected < n, `the rule gets ${expected} of ${n} right: some of each, so a wrong key shows`);
  const server = await startFakeOpenAI({ answer: oracleAnswer(gold) });
  try {
    const dir = tempDir();
    const config = join(dir, 'audit.yaml');
    writeFileSync(
      config,
      `cases:\n  path: ${casesFile}\n  limit: ${n}\nmodels:\n  - id: oracle\n    provider: openai-compatible\n    ` +
        `baseUrl: ${server.url}\n    model: oracle\nretest: 1\nprobes: []\ncounterfactuals: []\n`,
    );
    const r = await runCli(['audit', '--config', config, '--out', join(dir, 'out'), '--no-progress']);
    assert.equal(r.code, 0, r.stderr);
    const res = readJson(join(dir, 'out', 'results.json'));
    assert.equal(res.cases.bank, undefined, 'a case file other than the shipped bank has no bank version');
    const m = res.models[0];
    assert.equal(m.metrics.accuracyClean.n, n);
    assert.equal(m.metrics.accuracyClean.value, Math.round((expected / n) * 1e6) / 1e6);
    assert.equal(m.metrics.invalidRate.value, 0, 'every reply style parsed');
    assert.equal(m.metrics.retestFlipRate.value, 0);
    assert.equal(m.calls.total, n * 2, 'clean + one retest per case');
    assert.equal(server.requests, n * 2, 'the retest reached the server: it is never served from a cache');
  } finally {
    await server.close();
  }
}

describe('masld audit against an OpenAI-compatible server on 127.0.0.1: the answer keys end to end', () => {
  it('gets the accuracy the server was built to produce on a synthetic MedQA file', async () => {
    const file = writeMedqaFixture(tempDir());
    await oracleAudit(file, medqaGold(file, MEDQA_FIXTURE.length), MEDQA_FIXTURE.length);
  });
  it('gets the accuracy the server was built to produce on a synthetic MMLU CSV', async () => {
    const file = writeMmluFixture(tempDir());
    await oracleAudit(file, mmluGold(file), MMLU_FIXTURE.length);
  });
  it('gets the accuracy the server was built to produce on the first 40 cases of the real MedQA file', { skip: needs(MEDQA_DATA) }, async () => {
    await oracleAudit(MEDQA, medqaGold(MEDQA, 40), 40);
  });
});

describe('faults at the network edge', () => {
  it('marks calls failed when retries run out, exits 1, and retries only those on resume', async () => {
    let down = true;
    const gold = builtinGold();
    const answer = oracleAnswer(gold);
    const server = await startFakeOpenAI({
      answer: (u, b) => {
        if (down && b.model === 'flaky') throw new Error('down');
        return answer(u);
      },
    });
    try {
      const dir = tempDir();
      const config = join(dir, 'a.yaml');
      writeFileSync(
        config,
        `cases: {limit: 3}\ncounterfactuals: []\nmodels:\n  - {id: good, provider: openai-compatible, baseUrl: ` +
          `"${server.url}", model: good}\n  - {id: flaky, provider: openai-compatible, baseUrl: "${server.url}", model: ` +
          `flaky}\nretries: 1\nretryDelayMs: 1\n`,
      );
      const out = join(dir, 'out');
      const r1 = await runCli(['audit', '--config', config, '--out', out, '--no-progress']);
      assert.equal(r1.code, 1, r1.stderr);
      assert.match(r1.stderr, /have no answer.*failed after all retries/);
      const res1 = readJson(join(out, 'results.json'));
      const flaky1 = res1.models.find((m: { id: string }) => m.id === 'flaky');
      // Nothing of the flaky model was answered: its calls failed, or were left unsent once its circuit opened.
      assert.equal(flaky1.calls.missing, flaky1.calls.planned);
      assert.equal(flaky1.metrics.accuracyClean.value, null, 'failed calls are never scored');
      const before = server.requests;
      down = false;
      const r2 = await runCli(['audit', '--config', config, '--out', out, '--no-progress']);
      assert.equal(r2.code, 0, r2.stderr);
      // Only the failed calls were made again: the answered model's calls took no new attempt, and no more requests than
      // the failed calls went out. (Under a loaded 2-core machine the resume was seen making fewer requests than failed
      // calls, 31 for 37, with every call answered: not explained yet, see the stop note of issue 22.)
      const res2 = readJson(join(out, 'results.json'));
      const good = (r: { models: { id: string; calls: { attempts: number } }[] }) => r.models.find((m) => m.id === 'good')!.calls.attempts;
      assert.equal(good(res2), good(res1), 'no answered call was asked again');
      assert.ok(server.requests - before <= flaky1.calls.planned, `${server.requests - before} requests for ${flaky1.calls.planned} failed calls`);
      const flaky2 = res2.models.find((m: { id: string }) => m.id === 'flaky');
      assert.equal(flaky2.calls.failed, 0);
      assert.equal(flaky2.calls.missing, 0);
      assert.ok(flaky2.metrics.accuracyClean.value > 0);
    } finally {
      await server.close();
    }
  });
});

describe('Ctrl-C', () => {
  it('stops cleanly on SIGINT, says how to resume, and the resumed run completes', async () => {
    const server = await startFakeOpenAI({ answer: oracleAnswer(builtinGold()), latencyMs: 100 });
    try {
      const dir = tempDir();
      const config = join(dir, 'a.yaml');
      writeFileSync(config, `cases: {limit: 4}\nmodels:\n  - {id: m, provider: openai-compatible, baseUrl: "${server.url}", model: m}\nconcurrency: 2\n`);
      const out = join(dir, 'out');
      const r = await runCli(['audit', '--config', config, '--out', out, '--no-progress'], {
        signalWhen: { signal: 'SIGINT', ready: () => server.requests >= 10 },
      });
      assert.equal(r.code, 130, r.stderr);
      assert.match(r.stderr, /Resume with the same command and --out/);
      assert.ok(!existsSync(join(out, 'results.json')), 'no results are written for an interrupted run');
      assert.ok(!existsSync(join(out, '.masld.lock')), 'the lock is released');
      const fin = await runCli(['audit', '--config', config, '--out', out, '--no-progress']);
      assert.equal(fin.code, 0, fin.stderr);
      assert.match(fin.stdout, /calls made, [1-9]\d* reused/);
    } finally {
      await server.close();
    }
  });
});

describe('bad input', () => {
  it('exits 2 naming the file and line, without a stack trace', async () => {
    const dir = tempDir();
    const config = join(dir, 'bad.yaml');
    writeFileSync(config, 'seed: 7\nprobes: [distractor]\nretest: many\n');
    const r = await runCli(['audit', '--config', config, '--out', join(dir, 'out')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, new RegExp(`${config.replace(/[/.]/g, '\\$&')}:3: retest: .*number`));
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
    assert.ok(!existsSync(join(dir, 'out')), 'no output folder is created for bad input');
    const d = await runCli(['audit', '--config', config, '--debug']);
    assert.match(d.stderr, /\n\s+at /, '--debug shows the stack');
  });
  it('exits 2 for a missing API key variable before writing anything', async () => {
    const dir = tempDir();
    const r = await runCli(['audit', '--model', 'openai:gpt-4o', '--out', join(dir, 'out')], { env: { OPENAI_API_KEY: '' } });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /OPENAI_API_KEY/);
    assert.ok(!existsSync(join(dir, 'out')));
  });
  it('exits 2 for a bad flag value and a bad model spec', async () => {
    assert.equal((await runCli(['audit', '--limit', 'zero'])).code, 2);
    const r = await runCli(['audit', '--model', 'gemini:pro']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown provider "gemini"/);
  });
  it('names the --model form of every registered provider that has one, in the help and for a bad spec', async () => {
    const forms = listProviderDefinitions().flatMap((d) => (d.shorthand ? [d.shorthand.form] : []));
    const help = await runCli(['audit', '--help']);
    assert.equal(help.code, 0, help.stderr);
    const flat = help.stdout.replace(/\s+/g, ' ');
    for (const f of forms) assert.ok(flat.includes(f), f);
    const bad = await runCli(['audit', '--model', 'gpt-4o']);
    assert.equal(bad.code, 2);
    for (const f of forms) assert.ok(bad.stderr.includes(f), f);
  });
  it(
    'a lock file naming a live process does not lock the folder: only a lock held by the operating system does ' + '(test/reliability/lock-kills.test.ts)',
    async () => {
      const dir = tempDir();
      writeFileSync(join(dir, '.masld.lock'), String(process.pid));
      const r = await runCli(['audit', '--out', dir, '--limit', '1', '--no-progress']);
      assert.equal(r.code, 0, r.stderr);
    },
  );
  it('refuses to resume a folder with a different design', async () => {
    const out = join(tempDir(), 'o');
    assert.equal((await runCli(['audit', '--out', out, '--limit', '2', '--no-progress'])).code, 0);
    const { statSync } = await import('node:fs');
    const before = statSync(join(out, 'results.json')).mtimeMs;
    const same = await runCli(['audit', '--out', out, '--limit', '2', '--no-progress']);
    assert.equal(same.code, 0);
    assert.match(same.stdout, /Nothing left to do/);
    assert.equal(statSync(join(out, 'results.json')).mtimeMs, before, 'an up-to-date run keeps its outputs');
    const r = await runCli(['audit', '--out', out, '--limit', '3', '--no-progress']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /different design/);
  });
});

describe('secrets', () => {
  it('never writes the API key to the store, outputs or logs', async () => {
    const KEY = 'sk-RECOGNISABLE-7f3a9c1e5b';
    const server = await startFakeOpenAI({ answer: oracleAnswer(builtinGold()), apiKey: KEY });
    try {
      const dir = tempDir();
      const config = join(dir, 'a.yaml');
      writeFileSync(
        config,
        `cases: {limit: 2}\nmodels:\n  - {id: m, provider: openai-compatible, baseUrl: "${server.url}", model: m, apiKeyEnv: MY_TEST_KEY}\n`,
      );
      const r = await runCli(['audit', '--config', config, '--out', join(dir, 'out'), '--debug'], { env: { MY_TEST_KEY: KEY } });
      assert.equal(r.code, 0, r.stderr);
      assert.ok(!r.stdout.includes(KEY) && !r.stderr.includes(KEY));
      for (const f of readdirSync(join(dir, 'out'))) assert.ok(!rf(join(dir, 'out', f)).includes(KEY), `${f} holds the key`);
      // A wrong key: every call is refused (401, final), the run goes on to its outputs under --allow-failures,
      // and neither the error lines nor the outputs echo the key.
      const bad = await runCli(['audit', '--config', config, '--out', join(dir, 'out2'), '--debug', '--allow-failures'], {
        env: { MY_TEST_KEY: 'sk-WRONG-44c1d2' },
      });
      assert.equal(bad.code, 0, bad.stderr);
      const refused = readJson(join(dir, 'out2', 'results.json')).models[0].calls;
      assert.ok(refused.total > 0 && refused.failed === refused.total, `every call made was refused: ${JSON.stringify(refused)}`);
      assert.ok(!bad.stdout.includes('sk-WRONG-44c1d2') && !bad.stderr.includes('sk-WRONG-44c1d2'));
      for (const f of readdirSync(join(dir, 'out2'))) assert.ok(!rf(join(dir, 'out2', f)).includes('sk-WRONG-44c1d2'), `${f} holds the key`);
    } finally {
      await server.close();
    }
  });
});

describe('masld audit --dry-run and masld variants', () => {
  it('prints calls, tokens and cost per model and condition, calling nothing', async () => {
    const dir = tempDir();
    const config = join(dir, 'a.yaml');
    writeFileSync(config, `cases: {limit: 4}\nmodels:\n  - {id: gpt, provider: openai, model: gpt-4o, price: {inputPerMTok: 2.5, outputPerMTok: 10}}\n`);
    const r = await runCli(['audit', '--config', config, '--dry-run'], { env: { OPENAI_API_KEY: '' } });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /gpt\s+clean\s+live\s+\d+/);
    assert.match(r.stdout, /gpt\s+retest\s+live\s+4\s/);
    assert.match(r.stdout, /TOTAL.*\$\d+\.\d\d/);
  });
  it('writes a variant set: a header, then one JSON object per prompt with the documented fields', async () => {
    const dir = tempDir();
    const file = join(dir, 'v.jsonl');
    const r = await runCli(['variants', '--limit', '3', '--out', file]);
    assert.equal(r.code, 0, r.stderr);
    const [header, ...rows] = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.equal(header.masldVariantSet, 1);
    assert.equal(header.count, rows.length);
    for (const row of rows) {
      assert.deepEqual(Object.keys(row), ['answer', 'caseId', 'condition', 'counterfactual', 'id', 'narrative', 'options', 'provenance', 'question', 'text']);
      assert.ok(row.answer in row.options);
      for (const [l, t] of Object.entries(row.options)) assert.ok(row.text.includes(`\n${l}. ${t}\n`));
    }
    assert.equal(rows.filter((x) => x.condition === 'clean' && x.counterfactual === null).length, 3);
    assert.equal(rows.filter((x) => x.condition.startsWith('retest')).length, 3);
    const again = join(dir, 'v2.jsonl');
    await runCli(['variants', '--limit', '3', '--out', again]);
    assert.equal(readFileSync(again, 'utf8'), readFileSync(file, 'utf8'), 'byte-identical on a second run');
  });
});

/** Gold texts of the built-in bank, by option set: what the fake server knows. */
function builtinGold(): Map<string, string> {
  return new Map(loadCases().cases.map((c) => [optionKey(Object.values(c.options)), c.options[c.answer]]));
}
