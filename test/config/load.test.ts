import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { configFails } from '../support/config-fails.js';
import { parseConfigText } from '../../src/config/load.js';
import { parseModelSpec } from '../../src/config/model-spec.js';
import { probeEntryName, probeEntryRewriter } from '../../src/config/schema.js';
import { MasldError } from '../../src/errors.js';
import type { LlamaCppModelConfig } from '../../src/models/providers/llamacpp.js';
import { listProviderDefinitions } from '../../src/models/registry.js';
import { listProbes } from '../../src/probes/registry.js';

const PROBES = listProbes()
  .map((p) => p.name)
  .join(', ');
const PROVIDERS = listProviderDefinitions()
  .map((d) => d.name)
  .join(', ');

const fails = configFails;

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
    fails('probes: [distractor, typo_probe]\n', new RegExp(`unknown probe "typo_probe"; probes are ${PROBES}$`), 1, 'probes[1]');
    fails('models:\n  - {id: a, provider: gemini, model: x}\n', new RegExp(`unknown provider "gemini"; providers are ${PROVIDERS}$`), 2, 'models[0].provider');
    fails('models:\n  - {id: a, model: x}\n', new RegExp(`needs a provider; providers are ${PROVIDERS}$`), 2, 'models[0].provider');
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

describe('models by provider', () => {
  const LLAMA = [
    'threads: 2',
    'contextSize: 512',
    'scoring: generate',
    'family: f',
    'sequences: 2',
    'reusePrefix: false',
    'flashAttention: false',
    `sha256: ${'a'.repeat(64)}`,
    'grammar: false',
  ];
  it('keeps the llamacpp keys to llamacpp models, naming the key and the provider', () => {
    fails(
      'models:\n  - {id: a, provider: llamacpp, model: m.gguf, threads: 2}\n  - id: b\n    provider: openai\n    model: gpt-4o\n    threads: 4\n',
      /^audit\.yaml:6: models\[1\]\.threads: only llamacpp models take "threads"$/,
      6,
      'models[1].threads',
    );
    for (const provider of ['openai', 'anthropic', 'ollama', 'control']) {
      for (const entry of LLAMA) {
        const key = entry.split(':')[0];
        fails(
          `models:\n  - {id: b, provider: ${provider}, model: labile, ${entry}}\n`,
          new RegExp(`only llamacpp models take "${key}"`),
          2,
          `models[0].${key}`,
        );
      }
    }
    // A misspelt key is still a misspelt key.
    fails('models:\n  - {id: b, provider: openai, model: m, thread: 2}\n', /unknown key "thread"/, 2, 'models[0].thread');
  });
  it('parses every model as before: the same keys, order and defaults', () => {
    const c = parseConfigText(
      `models:\n  - {id: l, provider: llamacpp, model: m.gguf, ${LLAMA.join(', ')}, headers: {x-a: b}, price: ` +
        `{inputPerMTok: 1, outputPerMTok: 2}}\n  - {id: o, provider: openai, model: gpt-4o, maxTokens: 9}\n`,
      'a.yaml',
    );
    const [l, o] = c.models!;
    assert.deepEqual(Object.entries(l), [
      ['id', 'l'],
      ['provider', 'llamacpp'],
      ['model', 'm.gguf'],
      ['temperature', 0],
      ['price', { inputPerMTok: 1, outputPerMTok: 2 }],
      ['threads', 2],
      ['contextSize', 512],
      ['scoring', 'generate'],
      ['family', 'f'],
      ['sequences', 2],
      ['reusePrefix', false],
      ['flashAttention', false],
      ['sha256', 'a'.repeat(64)],
      ['grammar', false],
      ['headers', { 'x-a': 'b' }],
    ]);
    assert.deepEqual(Object.entries(o), [
      ['id', 'o'],
      ['provider', 'openai'],
      ['model', 'gpt-4o'],
      ['temperature', 0],
      ['maxTokens', 9],
    ]);
  });
  it('takes a rate limit on any model and names the field of a bad one', () => {
    const c = parseConfigText(
      'models:\n  - {id: o, provider: openai, model: m, rateLimit: {rpm: 500, tpm: 30000}}\n  - {id: a, provider: ' +
        'anthropic, model: m, rateLimit: {tpm: 8000}}\n',
      'a.yaml',
    );
    assert.deepEqual(c.models![0].rateLimit, { rpm: 500, tpm: 30000 });
    assert.deepEqual(c.models![1].rateLimit, { tpm: 8000 });
    fails('models:\n  - {id: a, provider: openai, model: m, rateLimit: {rpm: 0}}\n', />0/, 2, 'models[0].rateLimit.rpm');
    fails('models:\n  - {id: a, provider: openai, model: m, rateLimit: {tpm: fast}}\n', /expected number/, 2, 'models[0].rateLimit.tpm');
    fails('models:\n  - {id: a, provider: openai, model: m, rateLimit: {rpd: 5}}\n', /unknown key "rpd"/, 2, 'models[0].rateLimit.rpd');
    fails('models:\n  - {id: a, provider: openai, model: m, rateLimit: {}}\n', /give rpm, tpm or both/, 2, 'models[0].rateLimit');
    fails('models:\n  - {id: a, provider: openai, model: m, rateLimit: 600}\n', /expected object/, 2, 'models[0].rateLimit');
  });
  it("checks a llamacpp key's value on a llamacpp model", () => {
    fails('models:\n  - {id: a, provider: llamacpp, model: m.gguf, scoring: sample}\n', /logprob/, 2, 'models[0].scoring');
    // `off` and `yes` are strings in YAML 1.2, not booleans: refused, not read as a setting.
    for (const bad of ['off', 'yes', '0', 'Auto'])
      fails(
        `models:\n  - {id: a, provider: llamacpp, model: m.gguf, flashAttention: ${bad}}\n`,
        /expected auto, true or false$/,
        2,
        'models[0].flashAttention',
      );
    for (const [text, value] of [
      ['auto', 'auto'],
      ['true', true],
      ['false', false],
    ] as const) {
      const m = parseConfigText(`models:\n  - {id: a, provider: llamacpp, model: m.gguf, flashAttention: ${text}}\n`, 'a.yaml').models![0];
      assert.equal(m.provider, 'llamacpp');
      assert.equal((m as LlamaCppModelConfig).flashAttention, value);
    }
  });
});

describe('probe entries with a rewriter', () => {
  const MODELS = 'models:\n  - {id: judge-4o, provider: openai, model: gpt-4o}\n';
  it('takes names and {name, rewriter} mappings, with the documented defaults', () => {
    const c = parseConfigText(
      `${MODELS}probes:\n  - distractor\n  - name: lay_voice\n    rewriter: {model: openai:gpt-4o-mini, judge: ` +
        `judge-4o, retries: 3}\n  - name: anchoring\n    rewriter: {model: ` +
        `"openai-compatible:qwen@http://127.0.0.1:8000/v1"}\n  - {name: emotional}\n`,
      'a.yaml',
    );
    assert.deepEqual(c.probes!.map(probeEntryName), ['distractor', 'lay_voice', 'anchoring', 'emotional']);
    assert.deepEqual(c.probes!.map(probeEntryRewriter), [
      undefined,
      { model: 'openai:gpt-4o-mini', judge: 'judge-4o', retries: 3 },
      { model: 'openai-compatible:qwen@http://127.0.0.1:8000/v1', retries: 2 },
      undefined,
    ]);
  });
  it('refuses a rewriter on option_shuffle, naming the field', () => {
    const retold = 'distractor, buried_lead, lay_voice, anchoring, emotional';
    fails(
      'probes:\n  - name: option_shuffle\n    rewriter: {model: openai:gpt-4o-mini}\n',
      new RegExp(`option_shuffle .*cannot take a rewriter; the probes an LLM can retell are ${retold}$`),
      3,
      'probes[0].rewriter',
    );
  });
  it('names an unknown key of an entry or of its rewriter', () => {
    fails(
      'probes:\n  - name: lay_voice\n    rewriter: {model: openai:gpt-4o-mini, temprature: 0.2}\n',
      /unknown key "temprature"/,
      3,
      'probes[0].rewriter.temprature',
    );
    fails('probes:\n  - distractor\n  - name: lay_voice\n    style: casual\n', /unknown key "style"/, 4, 'probes[1].style');
  });
  it('names an unknown probe in either form, with the allowed names', () => {
    fails('probes:\n  - distractor\n  - lay-voice\n', new RegExp(`unknown probe "lay-voice"; probes are ${PROBES}$`), 3, 'probes[1]');
    fails('probes:\n  - name: lay-voice\n    rewriter: {model: openai:gpt-4o-mini}\n', /unknown probe "lay-voice"/, 2, 'probes[0].name');
    fails('probes:\n  - 3\n', /a probe is a name/, 2, 'probes[0]');
  });
  it('names a rewriter or judge that is neither a listed model nor a model spec', () => {
    fails(
      `${MODELS}probes:\n  - name: lay_voice\n    rewriter: {model: gpt-4o-mini}\n`,
      /"gpt-4o-mini" is neither the id of a model under models: nor a model spec/,
      5,
      'probes[0].rewriter.model',
    );
    fails(
      `${MODELS}probes:\n  - name: lay_voice\n    rewriter: {model: judge-4o, judge: "openai-compatible:x"}\n`,
      /neither the id/,
      5,
      'probes[0].rewriter.judge',
    );
    fails('probes:\n  - name: emotional\n    rewriter: {model: control:resilient}\n', /assay control/, 3, 'probes[0].rewriter.model');
    fails('probes:\n  - name: emotional\n    rewriter: {model: openai:gpt-4o-mini, retries: 11}\n', /10/, 3, 'probes[0].rewriter.retries');
  });
});

describe('--model shorthand', () => {
  it('parses every documented form', () => {
    assert.deepEqual(pick(parseModelSpec('openai:gpt-4o')), { id: 'openai:gpt-4o', provider: 'openai', model: 'gpt-4o' });
    assert.deepEqual(pick(parseModelSpec('anthropic:claude-sonnet-4-5')), {
      id: 'anthropic:claude-sonnet-4-5',
      provider: 'anthropic',
      model: 'claude-sonnet-4-5',
    });
    assert.deepEqual(pick(parseModelSpec('ollama:llama3.1:8b')), { id: 'ollama:llama3.1:8b', provider: 'ollama', model: 'llama3.1:8b' });
    const oc = parseModelSpec('openai-compatible:oracle@http://127.0.0.1:8787/v1');
    assert.deepEqual(pick(oc), { id: 'oracle', provider: 'openai-compatible', model: 'oracle' });
    assert.equal(oc.baseUrl, 'http://127.0.0.1:8787/v1');
    assert.equal(parseModelSpec('control:labile').provider, 'control');
  });
  it('rejects bad specs as usage errors', () => {
    for (const bad of ['gpt-4o', 'gemini:pro', 'control:nope', 'openai-compatible:x', 'openai-compatible:x@notaurl', 'llamacpp:m.gguf']) {
      assert.throws(
        () => parseModelSpec(bad),
        (e: unknown) => e instanceof MasldError && e.exitCode === 2,
        bad,
      );
    }
  });
  it('names the form of every provider that has one', () => {
    const forms = listProviderDefinitions().flatMap((d) => (d.shorthand ? [d.shorthand.form] : []));
    assert.ok(forms.length >= 5);
    assert.throws(
      () => parseModelSpec('gemini:pro'),
      (e: unknown) => e instanceof MasldError && forms.every((f) => e.message.includes(f)) && /unknown provider "gemini"/.test(e.message),
    );
    assert.throws(() => parseModelSpec('llamacpp:m.gguf'), /llamacpp models have no --model shorthand/);
  });
});

const pick = (m: { id: string; provider: string; model: string }) => ({ id: m.id, provider: m.provider, model: m.model });
