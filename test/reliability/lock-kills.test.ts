import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadCases } from '../../src/cases/load.js';
import { Rng } from '../../src/util/rng.js';
import { acquireLock } from '../../src/store/lock.js';
import { startFakeOpenAI } from '../support/fake-openai.js';
import { optionKey, oracleAnswer } from '../support/oracle.js';
import { runCli, tempDir } from '../support/cli.js';

const gold = () => new Map(loadCases().cases.map((c) => [optionKey(Object.values(c.options)), c.options[c.answer]]));
const readJson = (p: string) => JSON.parse(readFileSync(p, 'utf8'));

describe('the folder lock never goes stale', () => {
  it('50 SIGKILLs at random moments, from start-up to the last call: every resume takes the folder, never E_LOCKED', async () => {
    const server = await startFakeOpenAI({ answer: oracleAnswer(gold()), latencyMs: 40 });
    try {
      const dir = tempDir();
      const config = join(dir, 'a.yaml');
      writeFileSync(
        config,
        `cases: {limit: 30}\ncounterfactuals: [sex]\nprobes: [distractor]\nmodels:\n  - {id: oracle, provider: ` +
          `openai-compatible, baseUrl: "${server.url}", model: oracle}\nconcurrency: 2\n`,
      );
      const out = join(dir, 'o');
      const rng = new Rng('lock-kill-moments');
      let locked = 0;
      let kills = 0;
      for (let i = 0; i < 50; i++) {
        const r = await runCli(['audit', '--config', config, '--out', out, '--no-progress'], { signalAfter: { signal: 'SIGKILL', ms: 50 + rng.int(900) } });
        if (/E_LOCKED/.test(r.stderr)) locked++;
        if (r.signal === 'SIGKILL') kills++;
        else assert.equal(r.code, 0, r.stderr);
      }
      assert.equal(locked, 0, `${locked} of 50 resumes refused with E_LOCKED`);
      assert.ok(kills >= 40, `${kills} kills landed`);
      const fin = await runCli(['audit', '--config', config, '--out', out, '--no-progress']);
      assert.equal(fin.code, 0, fin.stderr);
      assert.equal(readJson(join(out, 'results.json')).models[0].calls.missing, 0);
    } finally {
      await server.close();
    }
  });

  it('a second audit is refused while another process really holds the folder, and the message names it', async () => {
    const dir = tempDir();
    const release = acquireLock(dir);
    try {
      const r = await runCli(['audit', '--out', dir, '--limit', '1', '--no-progress']);
      assert.equal(r.code, 2);
      assert.match(r.stderr, new RegExp(`another masld process \\(pid ${process.pid} on `));
    } finally {
      release();
    }
    assert.equal((await runCli(['audit', '--out', dir, '--limit', '1', '--no-progress'])).code, 0, 'free once released');
  });
});
