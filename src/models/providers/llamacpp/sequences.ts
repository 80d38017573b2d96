import type { Token } from 'node-llama-cpp';

/**
 * Prompt tokens always evaluated afresh. A one-token batch takes llama.cpp's
 * matrix-vector kernels, which round differently from the matrix-matrix ones a
 * full prompt takes (up to 7e-5 on a raw probability, measured on stories260K
 * F32); two tokens already give bit-identical probabilities, eight leave margin.
 */
export const FRESH_TAIL = 8;

/** What the pool needs of a node-llama-cpp context sequence. */
export interface PooledSequence {
  readonly nextTokenIndex: number;
  compareContextTokens(tokens: Token[]): { firstDifferentIndex: number };
  eraseContextTokenRanges(ranges: { start: number; end: number }[]): Promise<void>;
  clearHistory(): Promise<void>;
}

/**
 * The sequences of one context, lent to one call at a time. Calls that hold
 * sequences at the same moment are decoded together: node-llama-cpp packs the
 * queued tokens of every sequence of a context into one batch.
 *
 * With `reuse`, a call gets the free sequence whose KV cache shares the longest
 * prefix with its prompt (the system message and chat template at least; a
 * case's other variants often much more), and only the rest is evaluated. The
 * CPU kernels compute each token's row alone, so the letter probabilities are
 * bit-identical to a full evaluation's (test/models/llamacpp-reuse.test.ts).
 */
export class SequencePool<S extends PooledSequence> {
  private readonly free: S[];
  private readonly waiters: (() => void)[] = [];

  constructor(
    sequences: S[],
    private readonly reuse: boolean,
  ) {
    this.free = [...sequences];
  }

  /**
   * Runs `fn` on a sequence whose state is the first `kept` tokens of `prompt`
   * (0 without reuse); the rest, at least FRESH_TAIL tokens, is `fn`'s to evaluate.
   */
  async with<T>(prompt: Token[], fn: (seq: S, kept: number) => Promise<T>): Promise<T> {
    while (!this.free.length) await new Promise<void>((r) => this.waiters.push(r));
    let at = this.free.length - 1;
    let kept = 0;
    if (this.reuse) {
      for (let i = this.free.length - 1; i >= 0; i--) {
        const shared = Math.min(this.free[i].compareContextTokens(prompt).firstDifferentIndex, prompt.length - FRESH_TAIL);
        if (shared > kept) [at, kept] = [i, shared];
      }
    }
    const seq = this.free.splice(at, 1)[0];
    let ok = false;
    try {
      if (kept === 0) await seq.clearHistory();
      else if (seq.nextTokenIndex > kept) await seq.eraseContextTokenRanges([{ start: kept, end: seq.nextTokenIndex }]);
      const out = await fn(seq, kept);
      ok = true;
      return out;
    } finally {
      // A failed or aborted evaluation may leave a partial state: the next call starts it afresh.
      if (!ok) await seq.clearHistory().catch(() => undefined);
      this.free.push(seq);
      this.waiters.shift()?.();
    }
  }
}
