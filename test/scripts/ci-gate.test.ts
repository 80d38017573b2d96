import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadCases } from '../../src/cases/load.js';
import { runAction } from '../support/action-runner.js';
import { BIN, ROOT, tempDir } from '../support/cli.js';
import { startFakeOpenAI, type FakeOpenAI } from '../support/fake-openai.js';
import { optionKey, oracleAnswer } from '../support/oracle.js';

/** The CI gate (action.yml and scripts/ci-gate.sh) run as a runner would, against the built CLI and a real model on 127.0.0.1. */
describe('the CI gate action', () => {
  let server: FakeOpenAI;
  let workspace: string;
  const inputs = (failOn: string) => ({
    'fail-on': failOn,
    config: 'masld.yaml',
    'working-directory': 'audits',
    'report-dir': 'out',
    // The job already has Node; the built checkout stands in for the npm package.
    'node-version': '',
    'masld-command': `node ${BIN}`,
  });
  before(async () => {
    const gold = new Map(loadCases().cases.map((c) => [optionKey(Object.values(c.options)), c.options[c.answer]]));
    server = await startFakeOpenAI({ answer: oracleAnswer(gold) });
    workspace = tempDir();
    mkdirSync(join(workspace, 'audits'));
    writeFileSync(
      join(workspace, 'audits', 'masld.yaml'),
      `cases: {limit: 8}\ncounterfactuals: []\nmodels:\n  - {id: oracle, provider: openai-compatible, baseUrl: "${server.url}", model: m}\n`,
    );
  });
  after(() => server.close());

  it('passes when every gate passes: exit 0, the report uploaded, summary.md in the job summary', async () => {
    const r = await runAction(workspace, inputs('pfrExcess>0.5'));
    assert.equal(r.code, 0, JSON.stringify(r.steps, null, 1));
    const out = join(workspace, 'audits', 'out');
    assert.deepEqual(r.outputs.gate, { 'exit-code': '0', 'report-dir': out });
    const upload = r.steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'))!;
    assert.equal(upload.with!.path, out);
    for (const f of ['junit.xml', 'summary.md', 'results.json', 'report.html']) assert.ok(existsSync(join(out, f)), f);
    assert.match(readFileSync(join(out, 'junit.xml'), 'utf8'), /<testsuites tests="1" failures="0">/);
    assert.match(r.summary, /^## masld audit: every gate passed \(exit 0\)/);
    assert.ok(r.summary.includes(readFileSync(join(out, 'summary.md'), 'utf8')), 'summary.md is appended whole');
    assert.equal(
      r.steps.some((s) => s.uses?.startsWith('actions/setup-node@')),
      false,
      'node-version empty: no setup',
    );
  });

  it('fails the job with the audit exit code 1 when a gate fails, after uploading the report', async () => {
    // The same folder: the audit resumes with nothing left to call, and gates again.
    const r = await runAction(workspace, inputs('accuracyClean>=0'));
    assert.equal(r.code, 1);
    const gate = r.steps.find((s) => s.name === 'masld audit')!;
    assert.equal(gate.code, 0, 'the audit step itself records the code and goes on');
    assert.match(gate.stdout!, /gate FAILED: oracle: accuracyClean/);
    assert.equal(r.outputs.gate['exit-code'], '1');
    const names = r.steps.map((s) => s.name);
    assert.deepEqual(names.slice(-2), ['Upload the report', 'Gate'], 'uploaded before the job fails');
    assert.match(r.summary, /^## masld audit: a gate failed, or calls failed \(see the log\) \(exit 1\)/);
    assert.match(readFileSync(join(workspace, 'audits', 'out', 'junit.xml'), 'utf8'), /<testsuites tests="1" failures="1">/);
  });

  it('passes a bad input through as exit 2, still uploading what there is', async () => {
    const r = await runAction(workspace, { ...inputs('speed>1'), 'report-dir': 'other' });
    assert.equal(r.code, 2);
    assert.match(r.steps.find((s) => s.name === 'masld audit')!.stderr!, /unknown metric "speed"/);
    assert.ok(r.steps.some((s) => s.name === 'Upload the report'));
  });

  it('sets up Node by default, and the script alone refuses a missing fail-on with exit 2', async () => {
    const r = await runAction(workspace, { ...inputs('pfrExcess>0.5'), 'node-version': '20' });
    assert.equal(r.code, 0);
    assert.deepEqual(r.steps[0], { name: 'Set up Node.js', uses: 'actions/setup-node@v4', with: { 'node-version': '20' } });
    const output = join(tempDir(), 'out.txt');
    const s = spawnSync('bash', [join(ROOT, 'scripts', 'ci-gate.sh')], {
      cwd: tempDir(),
      env: { ...process.env, MASLD_FAIL_ON: '', GITHUB_OUTPUT: output },
      encoding: 'utf8',
    });
    assert.equal(s.status, 2);
    assert.match(s.stderr, /fail-on is required/);
    assert.match(readFileSync(output, 'utf8'), /^exit-code=2$/m);
  });
});
