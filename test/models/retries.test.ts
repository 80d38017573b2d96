import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseRetryAfter } from '../../src/models/errors.js';
import { anthropicProvider } from '../../src/models/providers/anthropic.js';
import { openAICompatibleProvider } from '../../src/models/providers/openai-compatible.js';
import { execute, type ExecuteResult } from '../../src/run/execute.js';
import { SqliteStore } from '../../src/store/sqlite.js';
import type { StoredCall } from '../../src/store/types.js';
import type { Variant } from '../../src/variants/types.js';
import { startFakeOpenAI, type Fault, type RequestLog, type ScriptContext, type Scripted } from '../support/fake-openai.js';

/*
 * The retry schedule under test (src/run/execute.ts with p-retry 7):
 *   attempts per call = retries + 1 (retryable errors only; anything else stops at once);
 *   wait before retry k (k = 0, 1, ...) = [Retry-After, when the server sent one] + backoff_k,
 *   backoff_k = min(round(r * retryDelayMs * 2^k), max(retryDelayMs, 60 000)), r uniform in [1, 2).
 * Gaps are measured on the server, so they include a little client and network time:
 * lower bounds are strict; upper bounds allow a slack that grows with the event-loop
 * lag seen during the run, so a loaded machine loosens them instead of failing them.
 */
const EARLY = 2; // timers may fire a millisecond early on the loop's cached clock
const lag = monitorEventLoopDelay({ resolution: 5 });
lag.enable();

type Protocol = 'openai' | 'anthropic';
const PROTOCOLS: Protocol[] = ['openai', 'anthropic'];

const variant = (id: string): Variant => ({
  id, caseId: id, condition: 'clean', counterfactual: null, narrative: `Case ${id}.`, question: 'Next?',
  options: { A: 'Rest', B: 'Surgery' }, answer: 'A', provenance: {},
});
/** The call a request belongs to: its variant id, from the narrative. */
const callOf = (userText: string) => /^Case ([^.\s]+)\./.exec(userText)?.[1] ?? '';

interface Run {
  result: ExecuteResult;
  calls: Map<string, StoredCall>;
  log: RequestLog[];
  /** Server-side gaps between the attempts of one call, in ms. */
  gaps(id: string): number[];
  requests(id: string): number;
  /** Allowance over an upper bound, in ms: 100 plus three event-loop lags (the worst seen in this run). */
  slack: number;
}

async function run(o: {
  protocol: Protocol;
  ids: string[];
  script: (ctx: ScriptContext & { id: string }) => Scripted | undefined;
  retries: number;
  retryDelayMs: number;
  concurrency?: number;
  timeoutMs?: number;
}): Promise<Run> {
  const server = await startFakeOpenAI({ protocol: o.protocol, answer: () => '{"answer": "A"}', script: (ctx) => o.script({ ...ctx, id: callOf(ctx.userText) }) });
  const dir = mkdtempSync(join(tmpdir(), 'masld-retries-'));
  const store = new SqliteStore(join(dir, 'audit.sqlite'));
  try {
    const opts = { id: 'm', baseUrl: server.url, model: 'm', apiKey: 'k-test', timeoutMs: o.timeoutMs ?? 5000 };
    const provider = o.protocol === 'anthropic' ? anthropicProvider(opts) : openAICompatibleProvider(opts);
    const concurrency = o.concurrency ?? 1;
    lag.reset();
    const result = await execute({
      calls: o.ids.map((id) => ({ modelId: 'm', variant: variant(id) })),
      models: [{ id: 'm', provider, temperature: 0, maxTokens: 50, retries: o.retries, concurrency }],
      store, prompt: { style: 'direct' }, concurrency, retryDelayMs: o.retryDelayMs,
      signal: new AbortController().signal,
    });
    const calls = new Map([...store.calls('m')].map((c) => [c.variantId, c]));
    const log = [...server.log];
    const times = (id: string) => log.filter((l) => callOf(l.userText) === id).map((l) => l.at);
    return {
      result, calls, log, slack: 100 + 3 * lag.max / 1e6,
      gaps: (id) => times(id).slice(1).map((t, i) => t - times(id)[i]),
      requests: (id) => times(id).length,
    };
  } finally {
    store.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Replaces Math.random (p-retry's jitter) for the duration of fn. */
async function withRandom<T>(value: number, fn: () => Promise<T>): Promise<T> {
  const real = Math.random;
  Math.random = () => value;
  try {
    return await fn();
  } finally {
    Math.random = real;
  }
}

const httpError = (protocol: Protocol, status: number, headers?: Record<string, string>): Scripted => ({
  status, headers,
  body: protocol === 'anthropic'
    ? JSON.stringify({ type: 'error', error: { type: ANTHROPIC_TYPES[status] ?? 'api_error', message: `status ${status}` } })
    : JSON.stringify({ error: { message: `status ${status}`, type: 'server_error' } }),
});
const ANTHROPIC_TYPES: Record<number, string> = { 400: 'invalid_request_error', 401: 'authentication_error', 403: 'permission_error', 404: 'not_found_error', 429: 'rate_limit_error', 500: 'api_error', 529: 'overloaded_error' };

const inBounds = (r: Run, gap: number, lo: number, hi: number, what: string) => {
  assert.ok(gap >= lo - EARLY, `${what}: waited ${gap.toFixed(1)} ms, expected at least ${lo}`);
  assert.ok(gap <= hi + r.slack, `${what}: waited ${gap.toFixed(1)} ms, expected at most ${hi} (+${r.slack.toFixed(0)} ms slack)`);
};

for (const protocol of PROTOCOLS) {
  describe(`retries through the ${protocol} provider`, () => {
    it('attempt counts: a call failing N times then succeeding is made N + 1 times and stored ok', async () => {
      // Every retryable fault kind the fake server injects, each failing twice before a reply.
      const faults: Fault[] = ['http500', 'http503', 'http429', 'reset', 'hang', 'trickle', 'truncated', 'emptyChoices', 'wrongFormat'];
      const r = await run({
        protocol, ids: [...faults, 'thrice'], retries: 5, retryDelayMs: 1, concurrency: 10, timeoutMs: 1500,
        script: ({ id, attempt }) => id === 'thrice' ? (attempt < 3 ? httpError(protocol, 503) : undefined) : attempt < 2 ? (id as Fault) : undefined,
      });
      for (const id of faults) {
        assert.equal(r.requests(id), 3, `${id}: requests the server saw (${r.calls.get(id)?.errors.join(' | ')})`);
        const c = r.calls.get(id)!;
        assert.equal(c.status, 'ok', id);
        assert.equal(c.attempts, 3, id);
        assert.equal(c.errors.length, 2, `${id}: ${c.errors.join(' | ')}`);
      }
      assert.equal(r.requests('thrice'), 4);
      assert.equal(r.calls.get('thrice')!.attempts, 4);
      assert.deepEqual(r.result, { made: 10, failed: 0, skipped: 0, openCircuits: [], interrupted: false });
    });

    it('attempt counts: a call that never succeeds is made retries + 1 times and stored failed with every error', async () => {
      const r = await run({ protocol, ids: ['never', 'zero'], retries: 3, retryDelayMs: 1, script: () => httpError(protocol, 500) });
      assert.equal(r.requests('never'), 4);
      const c = r.calls.get('never')!;
      assert.equal(c.status, 'failed');
      assert.equal(c.attempts, 4);
      assert.equal(c.raw, null);
      assert.deepEqual(c.errors.map((e) => e.replace(/:.*/s, '')), ['attempt 1', 'attempt 2', 'attempt 3', 'attempt 4']);
      assert.ok(c.errors.every((e) => e.includes('HTTP 500')), c.errors.join('\n'));
      assert.equal(r.result.failed, 2);
    });

    it('backoff: with the jitter at its floor each wait is retryDelayMs · 2^k, at its ceiling twice that', async () => {
      const base = 100;
      const script = ({ attempt }: ScriptContext) => attempt < 3 ? httpError(protocol, 503) : undefined;
      const floor = await withRandom(0, () => run({ protocol, ids: ['floor'], retries: 3, retryDelayMs: base, script }));
      const ceiling = await withRandom(0.999999, () => run({ protocol, ids: ['ceiling'], retries: 3, retryDelayMs: base, script }));
      const lows = floor.gaps('floor');
      const highs = ceiling.gaps('ceiling');
      assert.equal(lows.length, 3);
      assert.equal(highs.length, 3);
      for (let k = 0; k < 3; k++) {
        const d = base * 2 ** k;
        inBounds(floor, lows[k], d, d, `retry ${k + 1}, jitter floor`);
        inBounds(ceiling, highs[k], 2 * d, 2 * d, `retry ${k + 1}, jitter ceiling`);
      }
    });

    it('backoff: with real jitter every wait lies in [retryDelayMs · 2^k, 2 · retryDelayMs · 2^k)', async () => {
      const base = 50;
      const r = await run({
        protocol, ids: ['j1', 'j2', 'j3'], retries: 3, retryDelayMs: base, concurrency: 3,
        script: ({ attempt }) => attempt < 3 ? httpError(protocol, 502) : undefined,
      });
      for (const id of ['j1', 'j2', 'j3']) {
        const gaps = r.gaps(id);
        assert.equal(gaps.length, 3);
        gaps.forEach((g, k) => inBounds(r, g, base * 2 ** k, 2 * base * 2 ** k, `${id} retry ${k + 1}`));
      }
    });

    it('Retry-After in seconds is waited out before the retry', async () => {
      const r = await run({
        protocol, ids: ['ra'], retries: 2, retryDelayMs: 10,
        script: ({ attempt }) => attempt === 0 ? httpError(protocol, 429, { 'retry-after': '1' }) : undefined,
      });
      assert.equal(r.calls.get('ra')!.status, 'ok');
      assert.equal(r.requests('ra'), 2);
      inBounds(r, r.gaps('ra')[0], 1000, 1000 + 20, 'Retry-After: 1');
    });

    it('Retry-After as an HTTP date is waited out before the retry', async () => {
      let asked = 0;
      const r = await run({
        protocol, ids: ['date'], retries: 2, retryDelayMs: 10,
        script: ({ attempt }) => {
          if (attempt > 0) return undefined;
          // HTTP dates have whole seconds: the wait asked is between 1 and 2 s.
          const date = new Date(Date.now() + 2000).toUTCString();
          asked = Date.parse(date) - Date.now();
          return httpError(protocol, 503, { 'retry-after': date });
        },
      });
      assert.ok(asked > 900, `the date asks for ${asked} ms`);
      assert.equal(r.calls.get('date')!.status, 'ok');
      inBounds(r, r.gaps('date')[0], asked, asked + 20, `Retry-After: <date ${asked} ms ahead>`);
    });

    it('Retry-After is not waited when no retry is left, and a huge one is capped at 120 s', async () => {
      const t0 = performance.now();
      const r = await run({ protocol, ids: ['last'], retries: 0, retryDelayMs: 10, script: () => httpError(protocol, 429, { 'retry-after': '30' }) });
      assert.equal(r.calls.get('last')!.status, 'failed');
      assert.equal(r.calls.get('last')!.attempts, 1);
      assert.ok(performance.now() - t0 < 5000, 'no 30 s wait before giving up');
      assert.equal(parseRetryAfter('86400'), 120_000);
      assert.equal(parseRetryAfter(new Date(Date.now() - 60_000).toUTCString()), 0);
      assert.equal(parseRetryAfter('soon'), undefined);
    });

    it('400, 401, 403, 404 and 422 are final: one request; 408, 409, 425, 429, 5xx and 529 are retried', async () => {
      const final = [400, 401, 403, 404, 422];
      const retried = [408, 409, 425, 429, 500, 502, 503, 504, 520, 522, 524, 529];
      const r = await run({
        protocol, ids: [...final, ...retried].map((s) => `s${s}`), retries: 2, retryDelayMs: 1, concurrency: 4,
        script: ({ id }) => httpError(protocol, Number(id.slice(1))),
      });
      for (const s of final) {
        assert.equal(r.requests(`s${s}`), 1, `HTTP ${s} is final`);
        assert.equal(r.calls.get(`s${s}`)!.attempts, 1);
      }
      for (const s of retried) {
        assert.equal(r.requests(`s${s}`), 3, `HTTP ${s} is retried`);
        assert.equal(r.calls.get(`s${s}`)!.attempts, 3);
      }
      for (const c of r.calls.values()) {
        assert.equal(c.status, 'failed');
        assert.match(c.errors[0], new RegExp(`^attempt 1: HTTP ${c.variantId.slice(1)}\\b`));
      }
    });

    it('a reply body over the 8 MB cap is final: one request, stored failed', async () => {
      const big = Buffer.alloc(9 * 1024 * 1024, 'x');
      const r = await run({ protocol, ids: ['big'], retries: 3, retryDelayMs: 1, script: () => ({ status: 200, body: big }) });
      assert.equal(r.requests('big'), 1);
      const c = r.calls.get('big')!;
      assert.equal(c.status, 'failed');
      assert.match(c.errors[0], /over 8388608 bytes/);
    });
  });
}

describe("Anthropic's error shapes", () => {
  const shape = (status: number, type: string) => ({ status, body: JSON.stringify({ type: 'error', error: { type, message: `${type} happened` } }) });

  it('529 overloaded_error and 429 rate_limit_error are retried, 400 invalid_request_error is final; each recorded error names the type', async () => {
    const r = await run({
      protocol: 'anthropic', ids: ['overloaded', 'limited', 'invalid'], retries: 3, retryDelayMs: 1, concurrency: 3,
      script: ({ id, attempt }) => {
        if (id === 'overloaded') return attempt < 2 ? shape(529, 'overloaded_error') : undefined;
        if (id === 'limited') return shape(429, 'rate_limit_error');
        return shape(400, 'invalid_request_error');
      },
    });
    const overloaded = r.calls.get('overloaded')!;
    assert.equal(overloaded.status, 'ok');
    assert.equal(overloaded.attempts, 3);
    assert.equal(r.requests('overloaded'), 3);
    assert.ok(overloaded.errors.every((e) => /HTTP 529.*overloaded_error/.test(e)), overloaded.errors.join('\n'));

    const limited = r.calls.get('limited')!;
    assert.equal(limited.status, 'failed');
    assert.equal(r.requests('limited'), 4);
    assert.ok(limited.errors.length === 4 && limited.errors.every((e) => /HTTP 429.*rate_limit_error/.test(e)), limited.errors.join('\n'));

    const invalid = r.calls.get('invalid')!;
    assert.equal(invalid.status, 'failed');
    assert.equal(r.requests('invalid'), 1);
    assert.equal(invalid.errors.length, 1);
    assert.match(invalid.errors[0], /HTTP 400.*invalid_request_error/);
  });
});

describe('circuit breaker', () => {
  const ids = (n: number) => Array.from({ length: n }, (_, i) => `c${i}`);

  it('opens after exactly 20 consecutive failed calls (not attempts); later calls are skipped, never sent', async () => {
    const r = await run({ protocol: 'openai', ids: ids(30), retries: 1, retryDelayMs: 1, script: () => httpError('openai', 500) });
    assert.equal(r.result.failed, 20);
    assert.equal(r.result.skipped, 10);
    assert.deepEqual(r.result.openCircuits, ['m']);
    assert.equal(r.log.length, 40, 'each failed call made its 2 attempts');
    assert.equal(r.calls.size, 20);
  });

  it('a success resets the count: 19 failures, a reply, then 20 more failures', async () => {
    const r = await run({
      protocol: 'anthropic', ids: ids(45), retries: 0, retryDelayMs: 1,
      script: ({ id }) => (id === 'c19' ? undefined : httpError('anthropic', 529)),
    });
    assert.equal(r.result.failed, 39);
    assert.equal(r.result.made, 40);
    assert.equal(r.result.skipped, 5);
    assert.deepEqual(r.result.openCircuits, ['m']);
    assert.equal(r.calls.get('c19')!.status, 'ok');
    assert.equal(r.calls.has('c40'), false);
  });

  it('calls already in flight when the circuit opens still finish: at most concurrency − 1 beyond the threshold', async () => {
    const r = await run({ protocol: 'openai', ids: ids(40), retries: 0, retryDelayMs: 1, concurrency: 4, script: () => httpError('openai', 503) });
    assert.ok(r.result.failed >= 20 && r.result.failed <= 23, `failed ${r.result.failed}`);
    assert.equal(r.log.length, r.result.failed);
    assert.equal(r.result.failed + r.result.skipped, 40);
  });
});
