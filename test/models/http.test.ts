import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { ProviderError } from '../../src/models/errors.js';
import { postJson } from '../../src/models/http.js';
import { sizeHttpPool } from '../../src/models/http-pool.js';

/** A server on 127.0.0.1 answering each POST with the next scripted reply; counts requests and connections. */
async function scripted(replies: { status: number; headers?: Record<string, string>; body: string }[]) {
  let n = 0;
  let connections = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const r = replies[Math.min(n++, replies.length - 1)];
      res.writeHead(r.status, { 'content-type': 'application/json', ...r.headers }).end(r.body);
    });
  });
  server.on('connection', () => connections++);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/chat`,
    stats: () => ({ requests: n, connections }),
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

const post = (url: string, extra: Partial<Parameters<typeof postJson>[0]> = {}) =>
  postJson({ url, headers: {}, body: { q: 1 }, timeoutMs: 5000, signal: new AbortController().signal, secrets: [], ...extra });

describe('postJson', () => {
  it('onResponse sees every attempt that got a response, 429 and unparseable bodies too, with its headers', async () => {
    const server = await scripted([
      { status: 429, headers: { 'retry-after': '2', 'x-ratelimit-remaining-requests': '0' }, body: '{"error":"slow down"}' },
      { status: 200, headers: { 'x-ratelimit-remaining-requests': '41' }, body: 'not json' },
      { status: 200, headers: { 'X-RateLimit-Remaining-Requests': '40' }, body: '{"ok":true}' },
    ]);
    try {
      const seen: [number, string | null, string | null][] = [];
      const onResponse = (status: number, header: (name: string) => string | null) =>
        seen.push([status, header('x-ratelimit-remaining-requests'), header('Retry-After')]);
      const first = await post(server.url, { onResponse }).catch((e) => e);
      assert.ok(first instanceof ProviderError && first.status === 429 && first.retryAfterMs === 2000, String(first));
      const second = await post(server.url, { onResponse }).catch((e) => e);
      assert.ok(second instanceof ProviderError && second.kind === 'malformed', String(second));
      assert.deepEqual(await post(server.url, { onResponse }), { ok: true });
      assert.deepEqual(seen, [
        [429, '0', '2'],
        [200, '41', null],
        [200, '40', null],
      ]);
    } finally {
      server.close();
    }
  });

  it('onResponse is not called when no response came (connection refused)', async () => {
    const server = await scripted([{ status: 200, body: '{}' }]);
    const url = server.url;
    server.close();
    let calls = 0;
    const err = await post(url, { onResponse: () => calls++ }).catch((e) => e);
    assert.ok(err instanceof ProviderError && err.kind === 'network', String(err));
    assert.equal(calls, 0);
  });

  it('keeps connections alive: sequential calls reuse them, and a burst opens no more than are in flight', async () => {
    const server = await scripted([{ status: 200, body: '{"ok":true}' }]);
    try {
      for (let i = 0; i < 10; i++) await post(server.url);
      // undici waits one event-loop turn before reusing a socket, so back-to-back calls alternate between two.
      assert.deepEqual(server.stats(), { requests: 10, connections: 2 });
      await Promise.all(Array.from({ length: 8 }, () => post(server.url)));
      assert.equal(server.stats().requests, 18);
      assert.ok(server.stats().connections <= 2 + 8, `${server.stats().connections} connections for 8 calls in flight`);
    } finally {
      server.close();
    }
  });

  it("sized to the run's concurrency, a burst of 30 calls opens no more connections than that", async () => {
    const server = await scripted([{ status: 200, body: '{"ok":true}' }]);
    sizeHttpPool(3);
    try {
      await Promise.all(Array.from({ length: 30 }, () => post(server.url)));
      assert.equal(server.stats().requests, 30);
      assert.ok(server.stats().connections <= 3, `${server.stats().connections} connections with the pool sized to 3`);
    } finally {
      sizeHttpPool(null);
      server.close();
    }
  });

  it('a run interrupted while the request waits for its reply stops it: aborted, not retryable', async () => {
    const server = createServer(() => {}); // never answers
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const ac = new AbortController();
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
      setTimeout(() => ac.abort(), 30);
      const err = await post(url, { signal: ac.signal }).catch((e) => e);
      assert.ok(err instanceof ProviderError && err.kind === 'aborted' && !err.retryable, String(err));
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
