import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { modelConfigSchema } from '../../src/config/schema.js';
import { llamaCppProvider } from '../../src/models/providers/llamacpp/provider.js';
import { STORIES, storyQuestion } from '../support/models.js';
import { needs, STORIES_MODELS } from '../support/needs.js';

const ask = storyQuestion;
// Shaped like an audit's calls: a case, the same case again (a retest), its options shuffled, another question.
const requests = [
  ask('Who sat?', 'A. the cat\nB. the dog\nC. the bird'),
  ask('Who sat?', 'A. the cat\nB. the dog\nC. the bird'),
  ask('Who sat?', 'A. the dog\nB. the bird\nC. the cat'),
  ask('Who came by?', 'A. the cat\nB. the dog\nC. the bird'),
  ask('What colour was the mat?', 'A. red\nB. blue\nC. green'),
  ask('Who sat?', 'A. the bird\nB. the cat\nC. the dog'),
];
const cfg = (over: Record<string, unknown>) =>
  modelConfigSchema.parse({ id: 'm', provider: 'llamacpp', model: STORIES.f32, threads: 1, contextSize: 512, ...over });

/** Every request's letter probabilities, `inFlight` at a time as the executor sends them. */
async function run(over: Record<string, unknown>, inFlight: number, scoring = 'logprob') {
  const p = llamaCppProvider(cfg({ scoring, ...over }), {});
  const out: { probs?: Record<string, number>; text: string }[] = new Array(requests.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      for (let i = next++; i < requests.length; i = next++) {
        const r = await p.complete(requests[i]);
        out[i] = { probs: r.letterProbs, text: r.text };
      }
    }),
  );
  await p.close!();
  return out;
}

/**
 * Prefix reuse and batched sequences must not move a result: the letter
 * probabilities are compared to the bit with a fresh full evaluation of every
 * prompt. llama.cpp's CPU kernels compute each token's row alone, and the
 * provider always evaluates a few tokens afresh so the last one never goes
 * through the one-token kernels (sequences.ts), so no tolerance is needed.
 */
describe('llamacpp: the KV-cache prefix and batched sequences change no result', () => {
  const skip = needs(STORIES_MODELS);
  for (const fa of [{}, { flashAttention: false }]) {
    it(`logprob: reused prefixes at 1, 2 and 4 sequences give the same probabilities as fresh evaluation, to the bit, flash attention ${JSON.stringify(fa)}`, {
      skip,
    }, async () => {
      const fresh = await run({ reusePrefix: false, ...fa }, 1);
      for (const sequences of [1, 2, 4]) {
        const reused = await run({ sequences, ...fa }, sequences);
        assert.deepEqual(
          reused.map((r) => r.probs),
          fresh.map((r) => r.probs),
          `sequences ${sequences}`,
        );
      }
      // Not a test that passes on any output: the questions get different distributions.
      assert.notDeepEqual(fresh[0].probs, fresh[4].probs);
    });
  }
  it('generate: a reused prefix writes the same replies as fresh evaluation', { skip }, async () => {
    const fresh = await run({ reusePrefix: false }, 1, 'generate');
    const reused = await run({}, 1, 'generate');
    assert.deepEqual(
      reused.map((r) => r.text),
      fresh.map((r) => r.text),
    );
  });
});
