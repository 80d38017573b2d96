import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { ProviderError } from '../../src/models/errors.js';
import { anthropicProvider } from '../../src/models/providers/anthropic.js';
import { openAICompatibleProvider } from '../../src/models/providers/openai-compatible.js';
import { anthropicRateLimit, openAIRateLimit, parseDuration } from '../../src/models/rate-limit-headers.js';
import { startFakeOpenAI, type FakeOpenAI } from '../support/fake-openai.js';

const reader = (h: Record<string, string>) => (name: string) => h[name] ?? null;

describe('rate-limit headers', () => {
  it('reads the durations OpenAI sends', () => {
    assert.equal(parseDuration('1s'), 1000);
    assert.equal(parseDuration('6m0s'), 360_000);
    assert.equal(parseDuration('20ms'), 20);
    assert.equal(parseDuration('1m30.5s'), 90_500);
    assert.equal(parseDuration('1h2m'), 3_720_000);
    assert.equal(parseDuration('0.5'), 500, 'a bare number is seconds');
    for (const bad of [null, '', 'soon', '5 minutes', '3x', '-1s', '1s!']) assert.equal(parseDuration(bad), undefined, String(bad));
  });

  it("reads OpenAI's x-ratelimit-* headers", () => {
    const s = openAIRateLimit(
      reader({
        'x-ratelimit-limit-requests': '500',
        'x-ratelimit-remaining-requests': '499',
        'x-ratelimit-reset-requests': '120ms',
        'x-ratelimit-limit-tokens': '30000',
        'x-ratelimit-remaining-tokens': '29100',
        'x-ratelimit-reset-tokens': '1.8s',
      }),
    );
    assert.deepEqual(s, { requests: { remaining: 499, resetMs: 120, limit: 500 }, tokens: { remaining: 29100, resetMs: 1800, limit: 30000 } });
    assert.deepEqual(openAIRateLimit(reader({ 'x-ratelimit-remaining-tokens': '10', 'x-ratelimit-reset-tokens': '6m0s' })), {
      tokens: { remaining: 10, resetMs: 360_000 },
    });
    assert.equal(openAIRateLimit(reader({})), undefined);
    // A budget needs both what is left and when it resets; garbage is no budget.
    assert.equal(openAIRateLimit(reader({ 'x-ratelimit-remaining-requests': '5' })), undefined);
    assert.equal(openAIRateLimit(reader({ 'x-ratelimit-remaining-requests': 'many', 'x-ratelimit-reset-requests': '1s' })), undefined);
  });

  it("reads Anthropic's anthropic-ratelimit-* headers, resets as RFC 3339 times, the tightest token budget", () => {
    const now = Date.parse('2026-11-30T12:00:00Z');
    const s = anthropicRateLimit(
      reader({
        'anthropic-ratelimit-requests-limit': '50',
        'anthropic-ratelimit-requests-remaining': '49',
        'anthropic-ratelimit-requests-reset': '2026-11-30T12:00:01.5Z',
        'anthropic-ratelimit-input-tokens-limit': '30000',
        'anthropic-ratelimit-input-tokens-remaining': '29000',
        'anthropic-ratelimit-input-tokens-reset': '2026-11-30T12:00:02Z',
        'anthropic-ratelimit-output-tokens-limit': '8000',
        'anthropic-ratelimit-output-tokens-remaining': '100',
        'anthropic-ratelimit-output-tokens-reset': '2026-11-30T12:00:45Z',
      }),
      now,
    );
    assert.deepEqual(s, { requests: { remaining: 49, resetMs: 1500, limit: 50 }, tokens: { remaining: 100, resetMs: 45_000, limit: 8000 } });
    // A reset already past counts as now.
    assert.deepEqual(
      anthropicRateLimit(reader({ 'anthropic-ratelimit-tokens-remaining': '7', 'anthropic-ratelimit-tokens-reset': '2026-11-30T11:59:00Z' }), now),
      { tokens: { remaining: 7, resetMs: 0 } },
    );
    assert.equal(anthropicRateLimit(reader({ 'anthropic-ratelimit-requests-remaining': '3', 'anthropic-ratelimit-requests-reset': 'later' }), now), undefined);
  });

  describe('through the providers, from a real server', () => {
    const servers: FakeOpenAI[] = [];
    after(async () => {
      for (const s of servers) await s.close();
    });
    const request = { messages: [{ role: 'user' as const, content: 'Hello.' }], temperature: 0, maxTokens: 10, signal: new AbortController().signal };

    for (const protocol of ['openai', 'anthropic'] as const) {
      it(`${protocol}: the reply carries the budget, and a 429 carries it on its error`, async () => {
        const server = await startFakeOpenAI({ answer: () => 'hi', protocol, bucket: { burst: 2, perMinute: 60, headers: true } });
        servers.push(server);
        const o = { id: 'm', baseUrl: server.url, model: 'm', timeoutMs: 2000 };
        const provider = protocol === 'anthropic' ? anthropicProvider(o) : openAICompatibleProvider(o);
        const first = await provider.complete(request);
        assert.equal(first.text, 'hi');
        assert.equal(first.rateLimit?.requests?.remaining, 1);
        assert.equal(first.rateLimit?.requests?.limit, 60);
        // Anthropic's resets are times, read against this machine's clock.
        assert.ok(first.rateLimit!.requests!.resetMs > 500 && first.rateLimit!.requests!.resetMs <= 2000, String(first.rateLimit!.requests!.resetMs));
        await provider.complete(request);
        const err = await provider.complete(request).then(
          () => null,
          (e: unknown) => e,
        );
        assert.ok(err instanceof ProviderError);
        assert.equal(err.status, 429);
        assert.ok(err.retryAfterMs && err.retryAfterMs > 0);
        assert.equal(err.rateLimit?.requests?.remaining, 0);
        assert.equal(server.rateLimited, 1);
      });
    }

    it('a reply without rate-limit headers carries none', async () => {
      const server = await startFakeOpenAI({ answer: () => 'hi' });
      servers.push(server);
      const reply = await openAICompatibleProvider({ id: 'm', baseUrl: server.url, model: 'm', timeoutMs: 2000 }).complete(request);
      assert.equal(reply.rateLimit, undefined);
      assert.ok(!('rateLimit' in reply));
    });
  });
});
