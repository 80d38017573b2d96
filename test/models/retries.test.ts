import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseRetryAfter } from '../../src/models/errors.js';
import { anthropicProvider } from '../../src/models/providers/anthropic.js';
import { openAICompatibleProvider } from '../../src/models/providers/openai-compatible.js';
import { execute, type ExecuteResult } from '../../src/run/execute.js';
import { SqliteStore } from '../../src/store/sqlite.js';
import type { StoredCall } from '../../src/store/types.js';
import type { Variant } from '../../src/variants/types.js';
import { startFakeOpenAI, type Fault, type RequestLog, type ScriptContext, type Scripted } from '../support/fake-openai.js';
import { recordWaits, type Wait } from '../support/waits.js';

/*
 * The retry schedule under test (src/run/execute.ts with p-retry 7):
 *   attempts per call = retries + 1 (retryable errors only; anything else stops at once);
 *   wait before retry k (k = 0, 1, ...) = [Retry-After, when the server sent one] + backoff_k,
 *   backoff_k = min(round(r * retryDelayMs * 2^k), max(retryDelayMs, 60 000)), r uniform in [1, 2).
 * Each wait is read as the retry path asks for it (test/support/waits.ts), with the
 * requests the server had seen when it began and ended: the schedule is checked
 * exactly and the retry is seen to follow its wait, with no clock read, so a
 * loaded machine can neither fail nor loosen it.
 */
type Protocol = 'openai' | 'anthropic';
const PROTOCOLS: Protocol[] = ['openai', 'anthropic'];

const variant = (id: string): Variant => ({
  id,
  caseId: id,
  condition: 'clean',
  counterfactual: null,
  narrative: `Case ${id}.`,
  question: 'Next?',
  options: { A: 'Rest', B: 'Surgery' },
  answer: 'A',
  provenance: {},
});
/** The call a request belongs to: its variant id, from the narrative. */
const callOf = (userText: string) => /^Case ([^.\s]+)\./.exec(userText)?.[1] ?? '';

interface Run {
  result: ExecuteResult;
  calls: Map<string, StoredCall>;
  log: RequestLog[];
  /** The waits asked for, in order, with the requests seen when each began and ended. */
  waits: Wait[];
  requests(id: string): number;
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
  const server = await startFakeOpenAI({
    protocol: o.protocol,
    answer: () => '{"answer": "A"}',
    script: (ctx) => o.script({ ...ctx, id: callOf(ctx.userText) }),
  });
  const dir = mkdtempSync(join(tmpdir(), 'masld-retries-'));
  const store = new SqliteStore(join(dir, 'audit.sqlite'));
  try {
    const opts = { id: 'm', baseUrl: server.url, model: 'm', apiKey: 'k-test', timeoutMs: o.timeoutMs ?? 5000 };
    const provider = o.protocol === 'anthropic' ? anthropicProvider(opts) : openAICompatibleProvider(opts);
    const concurrency = o.concurrency ?? 1;
    const { result, waits } = await recordWaits(
      () => server.log.length,
      () =>
        execute({
          calls: o.ids.map((id) => ({ modelId: 'm', variant: variant(id) })),
          models: [{ id: 'm', provider, temperature: 0, maxTokens: 50, retries: o.retries, concurrency }],
          store,
          prompt: { style: 'direct' },
          concurrency,
          retryDelayMs: o.retryDelayMs,
          signal: new AbortController().signal,
        }),
    );
    const calls = new Map([...store.calls('m')].map((c) => [c.variantId, c]));
    const log = [...server.log];
    return { result, calls, log, waits, requests: (id) => log.filter((l) => callOf(l.userText) === id).length };
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
  status,
  headers,
  body:
    protocol === 'anthropic'
      ? JSON.stringify({ type: 'error', error: { type: ANTHROPIC_TYPES[status] ?? 'api_error', message: `status ${status}` } })
      : JSON.stringify({ error: { message: `status ${status}`, type: 'server_error' } }),
});
const ANTHROPIC_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  429: 'rate_limit_error',
  500: 'api_error',
  529: 'overloaded_error',
};

/** A wait that began after request `k` and ended before the next one: the retry waited for it. */
const wait = (kind: Wait['kind'], ms: number, k: number): Wait => ({ kind, ms, at: k, until: k });

/** Replaces Date.now with a fixed instant for the duration of fn (Retry-After dates are read against it). */
async function withNow<T>(now: number, fn: () => Promise<T>): Promise<T> {
  const real = Date.now;
  Date.now = () => now;
  try {
    return await fn();
  } finally {
    Date.now = real;
  }
}

for (const protocol of PROTOCOLS) {
  describe(`retries through the ${protocol} provider`, () => {
    it('attempt counts: a call failing N times then succeeding is made N + 1 times and stored ok', async () => {
      // Every retryable fault kind the fake server injects, each failing twice before a reply.
      const faults: Fault[] = ['http500', 'http503', 'http429', 'reset', 'hang', 'trickle', 'truncated', 'emptyChoices', 'wrongFormat'];
      const r = await run({
        protocol,
        ids: [...faults, 'thrice'],
        retries: 5,
        retryDelayMs: 1,
        concurrency: 10,
        timeoutMs: 1500,
        script: ({ id, attempt }) => (id === 'thrice' ? (attempt < 3 ? httpError(protocol, 503) : undefined) : attempt < 2 ? (id as Fault) : undefined),
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
      assert.deepEqual(r.result, { made: 10, failed: 0, skipped: 0, openCircuits: [], interrupted: false, unaffordable: 0 });
    });

    it('attempt counts: a call that never succeeds is made retries + 1 times and stored failed with every error', async () => {
      const r = await run({ protocol, ids: ['never', 'zero'], retries: 3, retryDelayMs: 1, script: () => httpError(protocol, 500) });
      assert.equal(r.requests('never'), 4);
      const c = r.calls.get('never')!;
      assert.equal(c.status, 'failed');
      assert.equal(c.attempts, 4);
      assert.equal(c.raw, null);
      assert.deepEqual(
        c.errors.map((e) => e.replace(/:.*/s, '')),
        ['attempt 1', 'attempt 2', 'attempt 3', 'attempt 4'],
      );
      assert.ok(
        c.errors.every((e) => e.includes('HTTP 500')),
        c.errors.join('\n'),
      );
      assert.equal(r.result.failed, 2);
    });

    it('backoff: with the jitter at its floor each wait is retryDelayMs · 2^k, at its ceiling twice that', async () => {
      const base = 100;
      const script = ({ attempt }: ScriptContext) => (attempt < 3 ? httpError(protocol, 503) : undefined);
      const floor = await withRandom(0, () => run({ protocol, ids: ['floor'], retries: 3, retryDelayMs: base, script }));
      const ceiling = await withRandom(0.999999, () => run({ protocol, ids: ['ceiling'], retries: 3, retryDelayMs: base, script }));
      // Request k failed, the wait ran to its end, and only then was request k + 1 sent.
      assert.deepEqual(floor.waits, [wait('backoff', 100, 1), wait('backoff', 200, 2), wait('backoff', 400, 3)]);
      assert.deepEqual(ceiling.waits, [wait('backoff', 200, 1), wait('backoff', 400, 2), wait('backoff', 800, 3)]);
      assert.equal(floor.requests('floor'), 4);
      assert.equal(ceiling.calls.get('ceiling')!.status, 'ok');
    });

    it('backoff: with real jitter every wait lies in [retryDelayMs · 2^k, 2 · retryDelayMs · 2^k]', async () => {
      const base = 50;
      const r = await run({
        protocol,
        ids: ['j1', 'j2', 'j3'],
        retries: 3,
        retryDelayMs: base,
        concurrency: 3,
        script: ({ attempt }) => (attempt < 3 ? httpError(protocol, 502) : undefined),
      });
      for (const id of ['j1', 'j2', 'j3']) assert.equal(r.requests(id), 4, id);
      // Three calls at once: their waits interleave. The delay is rounded to whole milliseconds, so a band's top
      // is reached and meets the next band's floor; sorted, the waits still fall three to a band, in order.
      assert.equal(r.waits.length, 9, JSON.stringify(r.waits));
      assert.ok(r.waits.every((w) => w.kind === 'backoff'));
      const sorted = r.waits.map((w) => w.ms).sort((a, b) => a - b);
      for (let k = 0; k < 3; k++) {
        const band = sorted.slice(3 * k, 3 * k + 3);
        assert.ok(
          band.every((ms) => ms >= base * 2 ** k && ms <= 2 * base * 2 ** k),
          `retry ${k + 1}: ${band.join(', ')} of ${r.waits.map((w) => w.ms).join(', ')}`,
        );
      }
      assert.ok(new Set(r.waits.map((w) => w.ms)).size > 3, `the jitter varies the waits: ${r.waits.map((w) => w.ms).join(', ')}`);
    });

    it('Retry-After in seconds is waited out before the retry', async () => {
      const r = await withRandom(0, () =>
        run({
          protocol,
          ids: ['ra'],
          retries: 2,
          retryDelayMs: 10,
          script: ({ attempt }) => (attempt === 0 ? httpError(protocol, 429, { 'retry-after': '1' }) : undefined),
        }),
      );
      assert.equal(r.calls.get('ra')!.status, 'ok');
      assert.equal(r.requests('ra'), 2);
      assert.deepEqual(r.waits, [wait('retryAfter', 1000, 1), wait('backoff', 10, 1)], 'the second: the backoff on top');
    });

    it('Retry-After as an HTTP date is waited out before the retry', async () => {
      // HTTP dates have whole seconds: read against a clock half a second into a second, the wait asked is 1.5 s.
      const now = Date.UTC(2030, 0, 1, 12, 0, 0, 500);
      const date = new Date(now + 2000).toUTCString();
      const r = await withNow(now, () =>
        withRandom(0, () =>
          run({
            protocol,
            ids: ['date'],
            retries: 2,
            retryDelayMs: 10,
            script: ({ attempt }) => (attempt === 0 ? httpError(protocol, 503, { 'retry-after': date }) : undefined),
          }),
        ),
      );
      assert.equal(r.calls.get('date')!.status, 'ok');
      assert.deepEqual(r.waits, [wait('retryAfter', 1500, 1), wait('backoff', 10, 1)]);
    });

    it('Retry-After is not waited when no retry is left, and a huge one is capped at 120 s', async () => {
      const r = await run({ protocol, ids: ['last'], retries: 0, retryDelayMs: 10, script: () => httpError(protocol, 429, { 'retry-after': '30' }) });
      assert.equal(r.calls.get('last')!.status, 'failed');
      assert.equal(r.calls.get('last')!.attempts, 1);
      assert.match(r.calls.get('last')!.errors[0], /HTTP 429/);
      assert.deepEqual(r.waits, [], 'no 30 s wait, and no backoff, before giving up');
      assert.equal(parseRetryAfter('86400'), 120_000);
      assert.equal(parseRetryAfter(new Date(Date.now() - 60_000).toUTCString()), 0);
      assert.equal(parseRetryAfter('soon'), undefined);
    });

    it('400, 401, 403, 404 and 422 are final: one request; 408, 409, 425, 429, 5xx and 529 are retried', async () => {
      const final = [400, 401, 403, 404, 422];
      const retried = [408, 409, 425, 429, 500, 502, 503, 504, 520, 522, 524, 529];
      const r = await run({
        protocol,
        ids: [...final, ...retried].map((s) => `s${s}`),
        retries: 2,
        retryDelayMs: 1,
        concurrency: 4,
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
      protocol: 'anthropic',
      ids: ['overloaded', 'limited', 'invalid'],
      retries: 3,
      retryDelayMs: 1,
      concurrency: 3,
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
    assert.ok(
      overloaded.errors.every((e) => /HTTP 529.*overloaded_error/.test(e)),
      overloaded.errors.join('\n'),
    );

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
      protocol: 'anthropic',
      ids: ids(45),
      retries: 0,
      retryDelayMs: 1,
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
