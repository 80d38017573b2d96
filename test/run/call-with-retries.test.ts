import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { openAICompatibleProvider } from '../../src/models/providers/openai-compatible.js';
import { callWithRetries, CircuitBreaker } from '../../src/run/call-with-retries.js';
import { startFakeOpenAI, type FakeOpenAI, type FakeOpenAIOptions } from '../support/fake-openai.js';
import { recordWaits } from '../support/waits.js';

/*
 * The call path shared by the audit and the retelling, against a real loopback
 * server. test/models/retries.test.ts measures the backoff schedule through
 * execute(); these pin what the extracted module itself returns.
 */
const servers: FakeOpenAI[] = [];
after(async () => {
  for (const s of servers) await s.close();
});

async function setup(script: FakeOpenAIOptions['script']) {
  const server = await startFakeOpenAI({ answer: () => 'a retelling.', script });
  servers.push(server);
  const provider = openAICompatibleProvider({ id: 'm', baseUrl: server.url, model: 'm', timeoutMs: 2000 });
  const request = { messages: [{ role: 'user' as const, content: 'Retell.' }], temperature: 0, maxTokens: 50 };
  return { server, provider, request };
}

describe('callWithRetries', () => {
  it('retries retryable failures and returns the reply with its attempts and errors', async () => {
    const { server, provider, request } = await setup(({ attempt }) => (attempt < 2 ? 'http503' : undefined));
    const out = await callWithRetries(provider, request, { retries: 3, retryDelayMs: 1, signal: new AbortController().signal });
    assert.equal(out?.status, 'ok');
    if (out?.status !== 'ok') return;
    assert.equal(out.response.text, 'a retelling.');
    assert.equal(out.attempts, 3);
    assert.equal(out.errors.length, 2);
    assert.ok(
      Number.isFinite(out.latencyMs) && out.latencyMs === Math.round(out.latencyMs * 10) / 10,
      `latency ${out.latencyMs} ms, kept to a tenth of a millisecond`,
    );
    assert.equal(server.requests, 3);
  });

  it('waits for a Retry-After on top of the backoff', async () => {
    const { server, provider, request } = await setup(({ attempt }) => (attempt === 0 ? 'http429RetryAfter' : undefined));
    const { result: out, waits } = await recordWaits(
      () => server.requests,
      () => callWithRetries(provider, request, { retries: 2, retryDelayMs: 1, signal: new AbortController().signal }),
    );
    assert.equal(out?.status, 'ok');
    // After the 429, the 50 ms it asked for, then the backoff (1–2 ms), both over before the retry was sent.
    assert.deepEqual(
      waits.map((w) => [w.kind, w.at, w.until]),
      [
        ['retryAfter', 1, 1],
        ['backoff', 1, 1],
      ],
    );
    assert.equal(waits[0].ms, 50);
    assert.ok(waits[1].ms >= 1 && waits[1].ms <= 2, `backoff ${waits[1].ms} ms`);
    assert.equal(server.requests, 2);
  });

  it('stops at once on an error that is not retryable, and after the last retry on one that is', async () => {
    const bad = await setup(() => ({ status: 400, body: '{"error":{"message":"bad request"}}' }));
    const once = await callWithRetries(bad.provider, bad.request, { retries: 5, retryDelayMs: 1, signal: new AbortController().signal });
    assert.deepEqual([once?.status, once?.attempts, bad.server.requests], ['failed', 1, 1]);
    const down = await setup(() => 'http500');
    const out = await callWithRetries(down.provider, down.request, { retries: 2, retryDelayMs: 1, signal: new AbortController().signal });
    assert.deepEqual([out?.status, out?.attempts, out?.errors.length, down.server.requests], ['failed', 3, 3, 3]);
  });

  it('returns null when interrupted: nothing to record', async () => {
    const { provider, request } = await setup(() => 'hang');
    const stop = new AbortController();
    setTimeout(() => stop.abort(), 50);
    assert.equal(await callWithRetries(provider, request, { retries: 3, retryDelayMs: 1, signal: stop.signal }), null);
  });
});

describe('CircuitBreaker', () => {
  it('opens after the threshold of consecutive failures, says so once, and a success resets the count', () => {
    const b = new CircuitBreaker(3);
    assert.deepEqual([b.record(true), b.record(true), b.record(false)], [false, false, false]);
    assert.equal(b.open, false);
    assert.deepEqual([b.record(true), b.record(true), b.record(true), b.record(true)], [false, false, true, false]);
    assert.equal(b.open, true);
  });
});
