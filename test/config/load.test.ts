import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseConfigText } from '../../src/config/load.js';
import { parseModelSpec } from '../../src/config/model-spec.js';
import { MasldError } from '../../src/errors.js';

function fails(text: string, re: RegExp, line?: number, field?: string) {
  assert.throws(() => parseConfigText(text, 'audit.yaml'), (e: unknown) => {
    assert.ok(e instanceof MasldError);
    assert.equal(e.exitCode, 2);
    assert.match(e.message, re);
    if (line !== undefined) assert.equal(e.location.line, line, e.message);
    if (field !== undefined) assert.equal(e.location.field, field);
    return true;
  });
}

describe('config', () => {
  it('fills the documented defaults', () => {
    const c = parseConfigText('seed: 3\n', 'a.yaml');
    assert.equal(c.seed, 3);
    assert.equal(c.retest, 1);
    assert.equal(c.doubleStress, true);
    assert.equal(c.concurrency, 16);
    assert.equal(c.prompt.style, 'direct');
    assert.equal(c.models, undefined);
  });
  it('names file, line and key path for a wrong type', () => {
    fails('seed: 7\nmodels:\n  - id: a\n    provider: openai\n    model: gpt-4o\n    temperature: hot\n', /expected number/i, 6, 'models[0].temperature');
  });
  it('names an unknown key at its own line', () => {
    fails('seed: 7\nretests: 2\n', /unknown key "retests"/, 2, 'retests');
    fails('models:\n  - id: a\n    provider: openai\n    model: m\n    api_key: sk-123\n', /unknown key "api_key"/, 5, 'models[0].api_key');
  });
  it('rejects unknown probes and providers with the allowed names', () => {
    fails('probes: [distractor, typo_probe]\n', /distractor/, 1, 'probes[1]');
    fails('models:\n  - {id: a, provider: gemini, model: x}\n', /openai-compatible/, 2, 'models[0].provider');
  });
  it('requires a baseUrl for openai-compatible models', () => {
    fails('models:\n  - {id: a, provider: openai-compatible, model: x}\n', /baseUrl/, 2, 'models[0].baseUrl');
  });
  it('reports YAML syntax errors with a line', () => {
    fails('seed: 7\nmodels: [\n  - a\n', /YAML syntax error/);
  });
  it('refuses a key written where a variable name belongs', () => {
    fails('models:\n  - {id: a, provider: openai, model: m, apiKeyEnv: "sk-abc-123"}\n', /environment variable name/);
  });
});

describe('--model shorthand', () => {
  it('parses every documented form', () => {
    assert.deepEqual(pick(parseModelSpec('openai:gpt-4o')), { id: 'openai:gpt-4o', provider: 'openai', model: 'gpt-4o' });
    assert.deepEqual(pick(parseModelSpec('anthropic:claude-sonnet-4-5')), { id: 'anthropic:claude-sonnet-4-5', provider: 'anthropic', model: 'claude-sonnet-4-5' });
    assert.deepEqual(pick(parseModelSpec('ollama:llama3.1:8b')), { id: 'ollama:llama3.1:8b', provider: 'ollama', model: 'llama3.1:8b' });
    const oc = parseModelSpec('openai-compatible:oracle@http://127.0.0.1:8787/v1');
    assert.deepEqual(pick(oc), { id: 'oracle', provider: 'openai-compatible', model: 'oracle' });
    assert.equal(oc.baseUrl, 'http://127.0.0.1:8787/v1');
    assert.equal(parseModelSpec('control:labile').provider, 'control');
  });
  it('rejects bad specs as usage errors', () => {
    for (const bad of ['gpt-4o', 'gemini:pro', 'control:nope', 'openai-compatible:x', 'openai-compatible:x@notaurl']) {
      assert.throws(() => parseModelSpec(bad), (e: unknown) => e instanceof MasldError && e.exitCode === 2, bad);
    }
  });
});

const pick = (m: { id: string; provider: string; model: string }) => ({ id: m.id, provider: m.provider, model: m.model });
