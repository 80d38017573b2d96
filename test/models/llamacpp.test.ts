import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { llamaCppProvider } from '../../src/models/providers/llamacpp/provider.js';
import { modelConfigSchema } from '../../src/config/schema.js';
import { MEDQA, runCli, tempDir } from '../support/cli.js';
import { STORIES } from '../support/models.js';
import { MEDQA_DATA, needs, STORIES_MODELS } from '../support/needs.js';

const messages = [
  { role: 'system' as const, content: 'Answer.' },
  { role: 'user' as const, content: 'Once upon a time a cat sat.\n\nWho sat?\n\nA. the cat\nB. the dog\nC. the bird\n\nReply with JSON.' },
];
const cfg = (over: Record<string, unknown>) =>
  modelConfigSchema.parse({ id: 'm', provider: 'llamacpp', model: STORIES.f32, threads: 1, contextSize: 512, ...over });

/** Total variation distance between two letter distributions. */
const tv = (p: Record<string, number>, q: Record<string, number>) =>
  Object.keys({ ...p, ...q }).reduce((s, k) => s + Math.abs((p[k] ?? 0) - (q[k] ?? 0)), 0) / 2;

describe('llamacpp provider: real llama.cpp inference on stories260K', () => {
  const skip = needs(STORIES_MODELS);
  it('scores option letters by log-probability in one pass, deterministically', { skip }, async () => {
    const p = llamaCppProvider(cfg({}), {});
    const req = { messages, temperature: 0, maxTokens: 50, choices: ['A', 'B', 'C'], signal: new AbortController().signal };
    const a = await p.complete(req);
    const b = await p.complete(req);
    assert.deepEqual(a.letterProbs, b.letterProbs, 'same prompt, same distribution, to the bit');
    const probs = Object.values(a.letterProbs!);
    assert.equal(probs.length, 3);
    assert.ok(Math.abs(probs.reduce((x, y) => x + y, 0) - 1) < 1e-9);
    const best = Object.entries(a.letterProbs!).sort((x, y) => y[1] - x[1])[0][0];
    assert.equal(JSON.parse(a.text).answer, best, 'the answer is the argmax');
    const info = await p.describe!();
    assert.equal(info.quantization, 'F32');
    assert.equal(info.parameters, 292800);
    assert.match(String(info.sha256), /^[0-9a-f]{64}$/);
    await p.close!();
  });
  it('quantization changes the distribution, more with fewer bits', { skip }, async () => {
    const req = { messages, temperature: 0, maxTokens: 50, choices: ['A', 'B', 'C'], signal: new AbortController().signal };
    const probs = async (model: string) => {
      const p = llamaCppProvider(cfg({ model }), {});
      const r = await p.complete(req);
      await p.close!();
      return r.letterProbs!;
    };
    const f32 = await probs(STORIES.f32);
    const f16 = await probs(STORIES.f16);
    const q4 = await probs(STORIES.q4);
    // Not rounding noise: F32 against itself is exactly 0 (above), F16 moves it by about 0.001, Q4_0 by about 0.05.
    assert.ok(tv(f32, q4) > 0.01, `Q4_0 moves the distribution by ${tv(f32, q4)}`);
    assert.ok(tv(f32, f16) < tv(f32, q4), `F16 ${tv(f32, f16)}, Q4_0 ${tv(f32, q4)}`);
  });
  it('generates a grammar-constrained reply in the answer format', { skip }, async () => {
    const p = llamaCppProvider(cfg({ scoring: 'generate' }), {});
    const r = await p.complete({ messages, temperature: 0, maxTokens: 40, choices: ['A', 'B', 'C'], signal: new AbortController().signal });
    const parsed = JSON.parse(r.text);
    assert.ok(['A', 'B', 'C'].includes(parsed.answer), r.text);
    await p.close!();
  });
  it('refuses a file whose sha256 does not match', { skip }, async () => {
    const p = llamaCppProvider(cfg({ sha256: '0'.repeat(64) }), {});
    await assert.rejects(p.describe!(), /sha256 of .* is [0-9a-f]{64}, not the expected 0{64}/);
  });
});

describe('hf: model files offline', () => {
  it('with MASLD_OFFLINE=1 and the file missing, says which file to place where, and exits 2', async () => {
    const dir = tempDir();
    const config = join(dir, 'a.yaml');
    writeFileSync(
      config,
      'cases: {limit: 1}\nprobes: []\ncounterfactuals: []\nmodels:\n  - {id: qwen, provider: llamacpp, model: ' +
        '"hf:Qwen/Qwen2.5-0.5B-Instruct-GGUF/qwen2.5-0.5b-instruct-q4_k_m.gguf", threads: 1}\n',
    );
    const cache = join(dir, 'cache');
    const r = await runCli(['audit', '--config', config, '--out', join(dir, 'out'), '--no-progress'], { env: { MASLD_OFFLINE: '1', MASLD_MODELS_DIR: cache } });
    assert.equal(r.code, 2, r.stderr);
    assert.ok(r.stderr.includes(`Place the file at ${join(cache, 'qwen2.5-0.5b-instruct-q4_k_m.gguf')}`), r.stderr);
  });
  it('with MASLD_OFFLINE=1 and the file in the cache, uses it without any network', { skip: needs(STORIES_MODELS) }, async () => {
    const dir = tempDir();
    const cache = join(dir, 'cache');
    const { mkdirSync, copyFileSync } = await import('node:fs');
    mkdirSync(cache);
    copyFileSync(STORIES.q8, join(cache, 'stories260K-q8_0.gguf'));
    const p = llamaCppProvider(cfg({ model: 'hf:example/stories/stories260K-q8_0.gguf' }), { MASLD_OFFLINE: '1', MASLD_MODELS_DIR: cache });
    assert.equal((await p.describe!()).quantization, 'MOSTLY_Q8_0');
    await p.close!();
  });
});

describe('the quantization ladder end to end', () => {
  it('audits the four stories260K files on 5 MedQA cases and shows the ladder', { skip: needs(STORIES_MODELS, MEDQA_DATA) }, async () => {
    const dir = tempDir();
    const config = join(dir, 'ladder.yaml');
    const m = (id: string, file: string) => `  - {id: ${id}, provider: llamacpp, model: "${file}", threads: 1, contextSize: 2048, family: stories260K}`;
    writeFileSync(
      config,
      [
        // 5 cases, not 10: a call costs seconds of CPU, and the ladder's order (F16 moves by about 0.001, Q4_0 by 0.05) shows on any.
        `cases: {path: "${MEDQA}", limit: 5}`,
        'probes: [option_shuffle, anchoring]',
        'counterfactuals: []',
        'models:',
        m('f32', STORIES.f32),
        m('f32-again', STORIES.f32),
        m('f16', STORIES.f16),
        m('q8', STORIES.q8),
        m('q4', STORIES.q4),
        '',
      ].join('\n'),
    );
    const out = join(dir, 'out');
    // A hang guard, not a timing: 100 one-thread calls (20 per model) take about a minute on a busy 2-core machine.
    const r = await runCli(['audit', '--config', config, '--out', out, '--no-progress'], { timeoutMs: 600_000 });
    assert.equal(r.code, 0, r.stderr);
    const res = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    assert.equal(res.ladders.length, 1);
    const members = Object.fromEntries(res.ladders[0].members.map((x: { model: string }) => [x.model, x]));
    assert.equal(members.f32.reference, true);
    assert.equal(members['f32-again'].letterShift.value, 0, 'exactly zero shift between F32 and itself');
    assert.equal(members['f32-again'].topAgreement.value, 1);
    assert.ok(members.q4.letterShift.value > 0, 'Q4_0 moves the letter distribution');
    assert.ok(members.f16.letterShift.value < members.q4.letterShift.value, 'less precision, more shift');
    assert.equal(res.models.find((x: { id: string }) => x.id === 'q4').provenance.quantization, 'MOSTLY_Q4_0');
    assert.ok(res.models[0].probes.anchoring.probShift.n > 0, 'probability shift under each probe');
    assert.match(readFileSync(join(out, 'report.html'), 'utf8'), /id="ladder"/);
  });
});
