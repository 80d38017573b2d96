import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runFingerprint } from '../../src/audit/fingerprint.js';
import { parseConfigText } from '../../src/config/load.js';
import { modelConfigSchema } from '../../src/config/schema.js';
import { llamaCppProvider } from '../../src/models/providers/llamacpp/provider.js';
import { runCli, tempDir } from '../support/cli.js';
import { STORIES, storyQuestion } from '../support/models.js';
import { needs, STORIES_MODELS } from '../support/needs.js';

const ask = storyQuestion;
const requests = [
  ask('Who sat?', 'A. the cat\nB. the dog\nC. the bird'),
  ask('Who came by?', 'A. the dog\nB. the bird\nC. the cat'),
  ask('What colour was the mat?', 'A. red\nB. blue\nC. green'),
];

/** Each request's letter probabilities, evaluated afresh, and what the provider records about itself. */
async function run(over: Record<string, unknown>) {
  const p = llamaCppProvider(
    modelConfigSchema.parse({ id: 'm', provider: 'llamacpp', model: STORIES.f32, threads: 1, contextSize: 512, reusePrefix: false, ...over }),
    {},
  );
  const probs: Record<string, number>[] = [];
  for (const r of requests) probs.push((await p.complete(r)).letterProbs!);
  const info = await p.describe!();
  await p.close!();
  return { probs, info };
}

const maxDelta = (a: Record<string, number>[], b: Record<string, number>[]) =>
  Math.max(...a.flatMap((p, i) => Object.keys(p).map((k) => Math.abs(p[k] - b[i][k]))));

describe('llamacpp flashAttention', () => {
  const skip = needs(STORIES_MODELS);
  it('unset is auto, which the CPU build runs with flash attention on: auto and true give the same probabilities, to the bit', { skip }, async () => {
    const unset = await run({});
    assert.equal(unset.info.flashAttention, 'auto', 'the provenance records the setting');
    for (const flashAttention of ['auto', true]) {
      const r = await run({ flashAttention });
      assert.equal(r.info.flashAttention, flashAttention);
      assert.deepEqual(r.probs, unset.probs, String(flashAttention));
    }
  });
  it('false still gives letter distributions, moved slightly from the default', { skip }, async () => {
    const on = await run({});
    const off = await run({ flashAttention: false });
    assert.equal(off.info.flashAttention, false);
    for (const p of off.probs) assert.ok(Math.abs(Object.values(p).reduce((a, b) => a + b, 0) - 1) < 1e-9, JSON.stringify(p));
    // Measured 7.0e-4 on these prompts (up to 3.5e-3 on MedQA prompts in bench/llamacpp-throughput.ts): other kernels, other rounding.
    const d = maxDelta(off.probs, on.probs);
    assert.ok(d > 0 && d < 0.005, `max |Δ letter probability| ${d}`);
  });
});

describe('flashAttention identifies a run', () => {
  const fingerprint = (fa: string) => {
    const c = parseConfigText(`models:\n  - {id: a, provider: llamacpp, model: m.gguf${fa}}\n`, 'a.yaml');
    return runFingerprint(c, c.models!, []);
  };
  it('a forced setting changes the fingerprint, so a resume with another is refused; unset and auto keep earlier runs resumable', () => {
    const unset = fingerprint('');
    assert.equal(fingerprint(', flashAttention: auto'), unset);
    const off = fingerprint(', flashAttention: false');
    const on = fingerprint(', flashAttention: true');
    assert.notEqual(off, unset);
    assert.notEqual(on, unset);
    assert.notEqual(off, on);
  });
  it('an audit records it in the model provenance and refuses to resume with another setting', { skip: needs(STORIES_MODELS) }, async () => {
    const dir = tempDir();
    const out = join(dir, 'out');
    const audit = (fa: string) => {
      const config = join(dir, `a${fa}.yaml`);
      writeFileSync(
        config,
        `cases: {limit: 1}\nprobes: []\ncounterfactuals: []\nmodels:\n  - {id: s, provider: llamacpp, model: ` +
          `"${STORIES.f32}", threads: 1, contextSize: 2048${fa}}\n`,
      );
      return runCli(['audit', '--config', config, '--out', out, '--no-progress'], { timeoutMs: 300_000 });
    };
    const first = await audit('');
    assert.equal(first.code, 0, first.stderr);
    assert.equal(JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')).models[0].provenance.flashAttention, 'auto');
    assert.equal((await audit(', flashAttention: auto')).code, 0, 'auto is the default: the same design');
    const off = await audit(', flashAttention: false');
    assert.equal(off.code, 2, off.stderr);
    assert.match(off.stderr, /different design/);
  });
});
