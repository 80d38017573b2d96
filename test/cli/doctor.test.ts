import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { chromiumCheck, keyChecks, nodeCheck } from '../../src/cli/doctor-checks.js';
import { parseModelSpec } from '../../src/config/model-spec.js';
import { runCli, tempDir } from '../support/cli.js';

const line = (out: string, what: string) => out.split('\n').find((l) => l.includes(`${what}:`)) ?? '';

describe('masld doctor', () => {
  it('exit 0 for the default control panel, naming the active SQLite back end', async () => {
    const r = await runCli(['doctor']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const major = Number(process.versions.node.split('.')[0]);
    const active =
      process.env.MASLD_SQLITE ?? (major >= 23 || (major === 22 && Number(process.versions.node.split('.')[1]) >= 13) ? 'node:sqlite' : 'better-sqlite3');
    assert.match(line(r.stdout, 'SQLite store'), new RegExp(`^  ok    SQLite store: ${active} is active`));
    assert.match(line(r.stdout, 'Node'), /^ {2}ok {4}Node: \d+\.\d+\.\d+ \(ai-masld needs ≥ 20\.19\)$/);
    assert.match(line(r.stdout, 'models'), /control:resilient.*\(from the built-in default\)/);
    assert.match(r.stdout, /\nReady/);
  });

  it("fails (exit 1, E_DOCTOR) when a configured model's key variable is unset, naming the variable, never a value", async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'masld.yaml'),
      'models:\n  - {id: gpt, provider: openai, model: gpt-4o}\n' +
        '  - {id: local, provider: openai-compatible, model: q, baseUrl: "http://127.0.0.1:9/v1", apiKeyEnv: LOCAL_KEY}\n',
    );
    const unset = await runCli(['doctor'], { cwd: dir, env: { OPENAI_API_KEY: '', LOCAL_KEY: '' } });
    assert.equal(unset.code, 1, unset.stdout + unset.stderr);
    assert.match(line(unset.stdout, 'key for gpt'), /^ {2}fail {2}key for gpt: OPENAI_API_KEY is not set$/);
    assert.match(line(unset.stdout, 'key for local'), /^ {2}fail {2}key for local: LOCAL_KEY is not set$/);
    assert.match(line(unset.stdout, 'models'), /\(from masld\.yaml\)/);
    assert.match(unset.stderr, /2 required check\(s\) failed: key for gpt, key for local\. .*\[E_DOCTOR\]/);
    const set = await runCli(['doctor'], { cwd: dir, env: { OPENAI_API_KEY: 'sk-secret-value-1', LOCAL_KEY: 'secret-value-2' } });
    assert.equal(set.code, 0, set.stdout + set.stderr);
    assert.match(line(set.stdout, 'key for gpt'), /OPENAI_API_KEY is set$/);
    assert.doesNotMatch(set.stdout + set.stderr, /secret-value/);
  });

  it('--model replaces the config; a missing SQLite back end fails, a missing Chromium only warns', async () => {
    const r = await runCli(['doctor', '--model', 'anthropic:claude-sonnet-4-5'], {
      env: { ANTHROPIC_API_KEY: 'x', MASLD_SQLITE: 'node:sqlite', PATH: tempDir() },
    });
    const major = Number(process.versions.node.split('.')[0]);
    assert.match(line(r.stdout, 'key for anthropic:claude-sonnet-4-5'), /ANTHROPIC_API_KEY is set/);
    assert.match(line(r.stdout, 'Chromium'), /^ {2}warn {2}Chromium: not on PATH/);
    if (major < 22) {
      assert.equal(r.code, 1, r.stdout + r.stderr);
      assert.match(line(r.stdout, 'SQLite store'), /^ {2}fail {2}SQLite store: MASLD_SQLITE=node:sqlite asks for node:sqlite, which cannot be used here/);
      assert.match(r.stderr, /failed: SQLite store\. /);
    }
  });

  it('a llamacpp model makes node-llama-cpp required: its binary is loaded, and its GGUF file must be there', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'here.gguf'), 'GGUF');
    writeFileSync(
      join(dir, 'masld.yaml'),
      'models:\n  - {id: a, provider: llamacpp, model: ./here.gguf}\n  - {id: b, provider: llamacpp, model: ./gone.gguf}\n',
    );
    const r = await runCli(['doctor'], { cwd: dir });
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(line(r.stdout, 'node-llama-cpp'), /^ {2}ok {4}node-llama-cpp: 3\.21\.1, prebuilt binary .+ loads$/);
    assert.match(line(r.stdout, 'GGUF for a'), /^ {2}ok {4}GGUF for a: .*here\.gguf$/);
    assert.match(line(r.stdout, 'GGUF for b'), /^ {2}fail {2}GGUF for b: .*gone\.gguf not found$/);
    assert.match(r.stderr, /1 required check\(s\) failed: GGUF for b\./);
  });

  it('an audit without any back end stops with E_NO_SQLITE (exit 1) before it writes anything', {
    skip: Number(process.versions.node.split('.')[0]) >= 22,
  }, async () => {
    const out = join(tempDir(), 'run');
    const r = await runCli(['audit', '--limit', '2', '--out', out, '--no-progress'], { env: { MASLD_SQLITE: 'node:sqlite' } });
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /asks for node:sqlite, which cannot be used here.*`masld doctor` checks the set-up\. \[E_NO_SQLITE\]/);
    const bogus = await runCli(['audit', '--limit', '2', '--out', out, '--no-progress'], { env: { MASLD_SQLITE: 'sqlite4' } });
    assert.equal(bogus.code, 2, bogus.stderr);
    assert.match(bogus.stderr, /MASLD_SQLITE=sqlite4 names no SQLite back end; use node:sqlite or better-sqlite3/);
  });
});

describe('doctor checks', () => {
  it('compares Node versions by number', () => {
    assert.equal(nodeCheck('20.19.0').level, 'ok');
    assert.equal(nodeCheck('20.9.0').level, 'fail');
    assert.equal(nodeCheck('22.1.0').level, 'ok');
    assert.equal(nodeCheck('18.20.4').level, 'fail');
  });
  it('needs no key for controls and Ollama, one for OpenAI', () => {
    const models = ['control:labile', 'ollama:llama3.1:8b', 'openai:gpt-4o'].map(parseModelSpec);
    assert.deepEqual(keyChecks(models, {}), [{ level: 'fail', what: 'key for openai:gpt-4o', detail: 'OPENAI_API_KEY is not set' }]);
  });
  it('finds Chromium under any of its names', () => {
    assert.equal(chromiumCheck((n) => (n === 'chromium-browser' ? '/usr/bin/chromium-browser' : null)).level, 'ok');
    assert.equal(chromiumCheck(() => null).level, 'warn');
  });
});
