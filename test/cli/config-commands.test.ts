import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { configJsonSchemaText, SCHEMA_FILE, schemaRefFrom } from '../../src/config/json-schema.js';
import { loadConfigFile } from '../../src/config/load.js';
import { ROOT, runCli, tempDir } from '../support/cli.js';
import { writeMedqaFixture } from '../support/fixtures.js';

/** The schema as editors read it: draft-07, formats not checked (yaml-language-server leaves most alone too). */
function validator() {
  const ajv = new Ajv({ allErrors: true, validateFormats: false });
  return ajv.compile(JSON.parse(readFileSync(join(ROOT, SCHEMA_FILE), 'utf8')));
}

describe('masld schema', () => {
  it('prints the JSON Schema generated from the zod config schema; the shipped file is the same, byte for byte', async () => {
    const r = await runCli(['schema']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, configJsonSchemaText());
    assert.equal(readFileSync(join(ROOT, SCHEMA_FILE), 'utf8'), r.stdout, `${SCHEMA_FILE} is stale: npm run build writes it`);
    const s = JSON.parse(r.stdout);
    assert.equal(s.$schema, 'http://json-schema.org/draft-07/schema#');
    assert.equal(s.additionalProperties, false);
  });

  it('accepts the examples and refuses what the config loader refuses: an unknown key, a key of another provider, an unknown probe', () => {
    const valid = validator();
    for (const f of readdirSync(join(ROOT, 'examples')).filter((f) => f.endsWith('.yaml'))) {
      assert.ok(valid(parse(readFileSync(join(ROOT, 'examples', f), 'utf8'))), `${f}: ${JSON.stringify(valid.errors)}`);
    }
    assert.ok(valid({ probes: ['distractor', { name: 'lay_voice', rewriter: { model: 'openai:gpt-4o-mini', retries: 1 } }] }));
    assert.ok(valid({ models: [{ id: 'q', provider: 'llamacpp', model: 'q.gguf', threads: 2, scoring: 'logprob' }] }));
    assert.ok(!valid({ retests: 2 }), 'unknown top-level key');
    assert.ok(!valid({ models: [{ id: 'a', provider: 'openai', model: 'gpt-4o', threads: 2 }] }), 'a llamacpp key on an openai model');
    assert.ok(!valid({ models: [{ id: 'a', provider: 'gemini', model: 'x' }] }), 'unknown provider');
    assert.ok(!valid({ probes: ['typo_probe'] }), 'unknown probe');
    assert.ok(!valid({ seed: 'seven' }), 'wrong type');
  });
});

describe('masld init', () => {
  it('writes a commented masld.yaml whose first line names the schema, that loads and validates, and that audit then reads', async () => {
    const dir = tempDir();
    const r = await runCli(['init', '--model', 'openai:gpt-4o', 'ollama:llama3.1:8b', '--cases', 'my cases.jsonl'], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    const file = join(dir, 'masld.yaml');
    const text = readFileSync(file, 'utf8');
    assert.equal(text.split('\n')[0], `# yaml-language-server: $schema=${schemaRefFrom(dir)}`);
    assert.match(text, /# the key is read from \$OPENAI_API_KEY/);
    const c = loadConfigFile(file);
    assert.deepEqual(
      c.models?.map((m) => [m.id, m.provider, m.model]),
      [
        ['openai:gpt-4o', 'openai', 'gpt-4o'],
        ['ollama:llama3.1:8b', 'ollama', 'llama3.1:8b'],
      ],
    );
    assert.equal(c.cases.path, 'my cases.jsonl');
    assert.ok(validator()(parse(text)), 'the schema accepts what init writes');
    // audit without --config reads it, and says so first.
    writeMedqaFixture(dir, 'my cases.jsonl');
    const dry = await runCli(['audit', '--dry-run'], { cwd: dir });
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stderr.split('\n')[0], /^masld: reading \.\/masld\.yaml \(no --config given\)$/);
    assert.match(dry.stdout, /openai:gpt-4o/);
    assert.match(dry.stdout, /ollama:llama3\.1:8b/);
    assert.doesNotMatch(dry.stdout, /control:/);
  });

  it('without flags: the control panel and the built-in bank, as the default audit', async () => {
    const dir = tempDir();
    assert.equal((await runCli(['init'], { cwd: dir })).code, 0);
    const c = loadConfigFile(join(dir, 'masld.yaml'));
    assert.equal(c.models, undefined);
    assert.equal(c.cases.path, undefined);
    const dry = await runCli(['audit', '--dry-run', '--limit', '2'], { cwd: dir });
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stdout, /control:resilient/);
  });

  it('refuses to overwrite masld.yaml (exit 2, naming it) unless --force', async () => {
    const dir = tempDir();
    const file = join(dir, 'masld.yaml');
    writeFileSync(file, 'seed: 3\n');
    const r = await runCli(['init'], { cwd: dir });
    assert.equal(r.code, 2);
    assert.ok(r.stderr.includes(`${file}: masld.yaml already exists`), r.stderr);
    assert.match(r.stderr, /--force/);
    assert.equal(readFileSync(file, 'utf8'), 'seed: 3\n');
    assert.equal((await runCli(['init', '--force'], { cwd: dir })).code, 0);
    assert.match(readFileSync(file, 'utf8'), /^# yaml-language-server: \$schema=/);
    const bad = await runCli(['init', '--force', '--model', 'gemini:x'], { cwd: dir });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /unknown provider "gemini"/);
  });

  it('names the schema by a path relative to the file where the package is installed above it, else by its versioned URL', () => {
    assert.equal(schemaRefFrom(ROOT), SCHEMA_FILE);
    assert.equal(schemaRefFrom(join(ROOT, 'runs', 'a')), `../../${SCHEMA_FILE}`);
    assert.match(schemaRefFrom(tempDir()), /^https:\/\/unpkg\.com\/ai-masld@\d+\.\d+\.\d+\/masld\.schema\.json$/);
  });
});

describe('masld audit and ./masld.yaml', () => {
  it('without masld.yaml the built-in default runs, and nothing is said about a config', async () => {
    const dry = await runCli(['audit', '--dry-run', '--limit', '2']);
    assert.equal(dry.code, 0, dry.stderr);
    assert.doesNotMatch(dry.stderr, /masld\.yaml/);
    assert.match(dry.stdout, /control:resilient/);
  });

  it('--config wins over ./masld.yaml; a broken masld.yaml is named with its line', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'masld.yaml'), 'seed: 7\nretests: 2\n');
    const r = await runCli(['audit', '--dry-run', '--limit', '2'], { cwd: dir });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /masld\.yaml:2: retests: unknown key "retests"/);
    writeFileSync(join(dir, 'other.yaml'), 'seed: 7\n');
    const ok = await runCli(['audit', '--dry-run', '--limit', '2', '--config', 'other.yaml'], { cwd: dir });
    assert.equal(ok.code, 0, ok.stderr);
    assert.doesNotMatch(ok.stderr, /masld\.yaml/);
  });
});
