import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseConfigText } from '../../src/config/load.js';
import { parseModelSpec } from '../../src/config/model-spec.js';
import { probeEntryName, probeEntryRewriter } from '../../src/config/schema.js';
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

describe('probe entries with a rewriter', () => {
  const MODELS = 'models:\n  - {id: judge-4o, provider: openai, model: gpt-4o}\n';
  it('takes names and {name, rewriter} mappings, with the documented defaults', () => {
    const c = parseConfigText(`${MODELS}probes:\n  - distractor\n  - name: lay_voice\n    rewriter: {model: openai:gpt-4o-mini, judge: judge-4o, retries: 3}\n  - name: anchoring\n    rewriter: {model: "openai-compatible:qwen@http://127.0.0.1:8000/v1"}\n  - {name: emotional}\n`, 'a.yaml');
    assert.deepEqual(c.probes!.map(probeEntryName), ['distractor', 'lay_voice', 'anchoring', 'emotional']);
    assert.deepEqual(c.probes!.map(probeEntryRewriter), [undefined, { model: 'openai:gpt-4o-mini', judge: 'judge-4o', retries: 3 }, { model: 'openai-compatible:qwen@http://127.0.0.1:8000/v1', retries: 2 }, undefined]);
  });
  it('refuses a rewriter on option_shuffle, naming the field', () => {
    fails('probes:\n  - name: option_shuffle\n    rewriter: {model: openai:gpt-4o-mini}\n', /option_shuffle .*cannot take a rewriter/, 3, 'probes[0].rewriter');
  });
  it('names an unknown key of an entry or of its rewriter', () => {
    fails('probes:\n  - name: lay_voice\n    rewriter: {model: openai:gpt-4o-mini, temprature: 0.2}\n', /unknown key "temprature"/, 3, 'probes[0].rewriter.temprature');
    fails('probes:\n  - distractor\n  - name: lay_voice\n    style: casual\n', /unknown key "style"/, 4, 'probes[1].style');
  });
  it('names an unknown probe in either form, with the allowed names', () => {
    fails('probes:\n  - distractor\n  - lay-voice\n', /unknown probe "lay-voice"; probes are distractor, buried_lead/, 3, 'probes[1]');
    fails('probes:\n  - name: lay-voice\n    rewriter: {model: openai:gpt-4o-mini}\n', /unknown probe "lay-voice"/, 2, 'probes[0].name');
    fails('probes:\n  - 3\n', /a probe is a name/, 2, 'probes[0]');
  });
  it('names a rewriter or judge that is neither a listed model nor a model spec', () => {
    fails(`${MODELS}probes:\n  - name: lay_voice\n    rewriter: {model: gpt-4o-mini}\n`, /"gpt-4o-mini" is neither the id of a model under models: nor a model spec/, 5, 'probes[0].rewriter.model');
    fails(`${MODELS}probes:\n  - name: lay_voice\n    rewriter: {model: judge-4o, judge: "openai-compatible:x"}\n`, /neither the id/, 5, 'probes[0].rewriter.judge');
    fails('probes:\n  - name: emotional\n    rewriter: {model: control:resilient}\n', /assay control/, 3, 'probes[0].rewriter.model');
    fails('probes:\n  - name: emotional\n    rewriter: {model: openai:gpt-4o-mini, retries: 11}\n', /10/, 3, 'probes[0].rewriter.retries');
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
