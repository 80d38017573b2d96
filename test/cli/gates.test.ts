import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadCases } from '../../src/cases/load.js';
import { startFakeOpenAI } from '../support/fake-openai.js';
import { optionKey, oracleAnswer } from '../support/oracle.js';
import { runCli, tempDir } from '../support/cli.js';

describe('--fail-on gates and junit.xml', () => {
  it('exits 1 when a gate fails and writes one test per model × gate', async () => {
    const gold = new Map(loadCases().cases.map((c) => [optionKey(Object.values(c.options)), c.options[c.answer]]));
    const server = await startFakeOpenAI({ answer: oracleAnswer(gold) });
    try {
      const dir = tempDir();
      const config = join(dir, 'a.yaml');
      writeFileSync(
        config,
        `cases: {limit: 8}\ncounterfactuals: []\nmodels:\n  - {id: oracle, provider: openai-compatible, baseUrl: "${server.url}", model: m}\n`,
      );
      const r = await runCli(['audit', '--config', config, '--out', join(dir, 'out'), '--no-progress', '--fail-on', 'pfrExcess>0.5,accuracyClean<0.99']);
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stdout, /gate passed: oracle: pfrExcess/);
      assert.match(r.stdout, /gate FAILED: oracle: accuracyClean/);
      const xml = readFileSync(join(dir, 'out', 'junit.xml'), 'utf8');
      assert.match(xml, /<testsuites tests="2" failures="1">/);
      assert.equal((xml.match(/<testcase /g) ?? []).length, 2);
      assert.ok(existsSync(join(dir, 'out', 'results.json')), 'results are still written');
    } finally {
      await server.close();
    }
  });
  it('rejects a malformed gate before calling anything', async () => {
    const r = await runCli(['audit', '--fail-on', 'pfrExcess=>0.1', '--out', join(tempDir(), 'o')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /is not a gate/);
    const u = await runCli(['audit', '--fail-on', 'speed>1', '--dry-run']);
    assert.equal(u.code, 2);
    assert.match(u.stderr, /unknown metric "speed"/);
  });
});
