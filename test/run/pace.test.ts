import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ProviderError } from '../../src/models/errors.js';
import type { RateLimitState } from '../../src/models/rate-limit-headers.js';
import { Pacer } from '../../src/run/pace.js';
import { bucketServer, randomRefusals, simulateCalls } from '../support/pace-sim.js';

/* The pacer with the time given explicitly: no wall clock anywhere. */

const usage = (input: number | null, output: number | null, rateLimit?: RateLimitState) => ({ inputTokens: input, outputTokens: output, rateLimit });
const refused = (retryAfterMs?: number, rateLimit?: RateLimitState) => {
  const e = new ProviderError('http', 'HTTP 429', { retryable: true, status: 429, retryAfterMs });
  if (rateLimit) e.rateLimit = rateLimit;
  return e;
};

/** Sends a call whenever the pacer allows, from `from`; returns the send times. */
function sendTimes(p: Pacer, n: number, from = 0, tokens = 100): number[] {
  const times: number[] = [];
  let t = from;
  for (let i = 0; i < n; i++) {
    t += p.delay(t);
    assert.equal(p.delay(t), 0);
    p.sent(t, tokens);
    times.push(t);
  }
  return times;
}

describe('Pacer', () => {
  it('never holds a call back when no limit is known', () => {
    const p = new Pacer();
    assert.deepEqual(sendTimes(p, 50), Array(50).fill(0));
    p.succeeded(1, 0, 100, usage(90, 10));
    assert.equal(p.status(1), null);
  });

  it('spaces calls to the configured rpm and says rpm binds', () => {
    const p = new Pacer({ rpm: 600 });
    assert.deepEqual(sendTimes(p, 4), [0, 100, 200, 300]);
    assert.deepEqual(p.status(300), { perMinute: 600, binding: 'rpm' });
    // A gap longer than the spacing costs nothing.
    assert.equal(p.delay(1000), 0);
    // The pace shown fades once it has held nothing back for a while.
    assert.equal(p.status(300 + 60_000), null);
  });

  it('spaces calls by their tokens to the configured tpm and corrects with the usage reported', () => {
    const p = new Pacer({ tpm: 60_000 }); // 1 token a ms
    p.sent(0, 100);
    assert.equal(p.delay(0), 100);
    // The reply used 300 tokens, not 100: the next call waits for the other 200.
    p.succeeded(10, 0, 100, usage(250, 50));
    assert.equal(p.delay(10), 290);
    assert.deepEqual(p.status(10), { perMinute: 200, binding: 'tpm' });
    // A reply without usage leaves the estimate standing.
    p.sent(300, 100);
    p.succeeded(310, 300, 100, usage(null, null));
    assert.equal(p.delay(310), 90);
  });

  it('binds to whichever limit is tighter', () => {
    const p = new Pacer({ rpm: 600, tpm: 6000 });
    p.sent(0, 1000); // 1000 tokens at 100 a second: 10 s
    assert.equal(p.delay(0), 10_000);
    assert.equal(p.status(0)?.binding, 'tpm');
    const q = new Pacer({ rpm: 6, tpm: 600_000 });
    q.sent(0, 10);
    assert.equal(q.delay(0), 10_000);
    assert.equal(q.status(0)?.binding, 'rpm');
  });

  it('halves the sending rate on the first 429, once for all calls sent before the decrease, and holds for Retry-After', () => {
    const p = new Pacer();
    sendTimes(p, 10, 0); // 10 calls in the same ms: 600,000 a minute
    p.failed(5, 0, refused(50));
    assert.equal(p.status(5), null);
    assert.equal(p.delay(5), 50); // Retry-After
    assert.deepEqual(p.status(5), { perMinute: 300_000, binding: '429' });
    // Calls sent before the decrease were sent too fast already: no second decrease.
    p.failed(6, 0, refused());
    assert.equal(p.delay(55), 0);
    p.sent(55, 100);
    const near = (a: number, b: number) => assert.ok(Math.abs(a - b) / b < 0.01, `${a} vs ${b}`);
    near(p.delay(55), 0.2); // 300,000 a minute
    // A refusal of a call sent after the decrease, before 16 calls went at the new pace, is counted but changes nothing yet.
    p.failed(56, 55, refused());
    p.sent(56, 100);
    near(p.delay(56), 0.2);
    // Once 16 have gone (all refused, so slowing lost no answers), the next refusal halves again while the pace is first
    // being found: the pace, or the rate at which calls really went if lower.
    const t = sendTimes(p, 14, 56);
    p.failed(t.at(-1)! + 1, t.at(-1)!, refused());
    p.sent(t.at(-1)! + 1, 100);
    assert.ok(p.delay(t.at(-1)! + 1) > 0.39, `${p.delay(t.at(-1)! + 1)} ms: at most half the pace`);
  });

  it('backs off gently once the pace is found, and recovers additively while it binds', () => {
    const p = new Pacer();
    p.sent(0, 100);
    p.sent(100, 100); // two calls over 100 ms: 1,200 a minute
    p.failed(101, 100, refused());
    p.sent(101, 100);
    assert.deepEqual(p.status(101) ?? p.delay(101), 100); // 600 a minute
    p.succeeded(102, 101, 100, usage(90, 10)); // a call at the new pace got through: the pace is found
    // 16 calls at the pace, one answered: the next refusal is judged, and slowing down had lost no answers.
    const t = sendTimes(p, 16, 201);
    const pace = 60_000 / p.delay(t.at(-1)!); // 600 a minute, and a little more: it recovers while it binds
    p.failed(t.at(-1)! + 1, t.at(-1)!, refused());
    const interval = (at: number) => {
      p.sent(at, 100);
      return p.delay(at);
    };
    const after = interval(t.at(-1)! + 1);
    assert.ok(Math.abs(after - 60_000 / (pace * 0.85)) / after < 0.005, `a 429 after the pace was found takes off 15%: ${60_000 / after}/min from ${pace}`);
    // Then it climbs back while it binds: 0.4% of the decreased pace a second.
    const at = sendTimes(p, 200, t.at(-1)! + 1);
    const last = at.at(-1)!;
    const rate = 60_000 / p.delay(last);
    const expected = 60_000 / after + (0.004 * (60_000 / after) * (last - t.at(-1)! - 1)) / 1000;
    assert.ok(Math.abs(rate - expected) / expected < 0.01, `${rate} vs ${expected}`);
    assert.equal(p.status(last)?.binding, '429');
  });

  it('does not climb while the learnt pace is not what holds calls back', () => {
    const p = new Pacer();
    p.sent(0, 100);
    p.sent(100, 100);
    p.failed(101, 100, refused());
    // Calls come slower than the pace (the model is slow): nothing is learnt from them.
    for (let t = 1000; t < 100_000; t += 1000) {
      assert.equal(p.delay(t), 0);
      p.sent(t, 100);
    }
    p.sent(100_001, 100);
    assert.equal(p.delay(100_001), 100);
  });

  it('spreads what the server says is left until its reset', () => {
    const p = new Pacer();
    p.sent(0, 100);
    assert.equal(p.delay(0), 0);
    // 4 requests left, full again in 2 s, no limit given: one every 500 ms.
    p.succeeded(10, 0, 100, usage(90, 10, { requests: { remaining: 4, resetMs: 2000 } }));
    assert.equal(p.delay(10), 490);
    assert.equal(p.status(10)?.binding, 'headers');
    // Past the reset the figures are stale and hold nothing back.
    assert.equal(p.delay(2011), 0);
    // With the per-minute limit: its refill, plus what is left above a reserve (two calls and those in flight) until the reset.
    const q = new Pacer();
    const near = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-9, `${a} vs ${b}`);
    q.sent(0, 100);
    q.succeeded(0, 0, 100, usage(90, 10, { requests: { remaining: 30, resetMs: 7000, limit: 600 } }));
    near(q.delay(0), 1 / (600 / 60_000 + 28 / 7000));
    assert.equal(q.status(0)?.binding, 'headers');
    // A call in flight raises the reserve by one.
    q.sent(0, 100);
    near(q.delay(0), 1 / (600 / 60_000 + 27 / 7000));
    // Below the reserve, 90% of the refill, so that the budget fills back up.
    q.succeeded(0, 0, 100, usage(90, 10, { requests: { remaining: 1, resetMs: 5000, limit: 600 } }));
    near(q.delay(0), 1 / (0.9 * (600 / 60_000)));
    // After the reset, the refill alone: the server's bucket may be smaller than its limit.
    q.sent(6000, 100);
    near(q.delay(6000), 100);
    // A token budget spaces calls by their tokens.
    const r = new Pacer();
    r.sent(0, 100);
    r.succeeded(0, 0, 100, usage(150, 50, { tokens: { remaining: 1000, resetMs: 1000 } }));
    assert.equal(r.delay(0), 200);
  });

  it('learns nothing from a 429 that carries the server budgets, but holds for its Retry-After', () => {
    const p = new Pacer();
    sendTimes(p, 10);
    p.failed(1, 0, refused(300, { requests: { remaining: 0, resetMs: 100 } }));
    assert.equal(p.delay(1), 300);
    p.sent(301, 100);
    assert.equal(p.delay(301), 0); // the budget's reset has passed and no pace was learnt
  });

  it('ignores failures other than 429', () => {
    const p = new Pacer();
    sendTimes(p, 10);
    p.failed(1, 0, new ProviderError('http', 'HTTP 503', { retryable: true, status: 503, retryAfterMs: 1000 }));
    p.failed(1, 0, new Error('not a provider error'));
    assert.equal(p.delay(1), 0);
  });

  /** A token bucket refilled at `perMs`, answered instantly; a refused call goes back to the queue. */
  function againstBucket(p: Pacer, calls: number, burst: number, perMs: number) {
    let tokens = burst;
    let filled = 0;
    let t = 0;
    let done = 0;
    const refusedAt: number[] = [];
    while (done < calls) {
      t += p.delay(t);
      p.sent(t, 100);
      tokens = Math.min(burst, tokens + (t - filled) * perMs);
      filled = t;
      if (tokens >= 1) {
        tokens--;
        done++;
        p.succeeded(t + 1, t, 100, usage(90, 10));
      } else {
        refusedAt.push(t);
        p.failed(t + 1, t, refused(((1 - tokens) / perMs) | 0));
      }
      t += 0.1;
    }
    return { t, refusedAt, ideal: (calls - burst) / perMs };
  }

  it('finds the pace of a token bucket from bare 429s and keeps close to it', () => {
    const { t, refusedAt, ideal } = againstBucket(new Pacer(), 1200, 20, 10 / 1000);
    assert.ok(t <= 1.1 * ideal, `${t} ms against an ideal ${ideal}`);
    const late = refusedAt.filter((x) => x > ideal / 10).length;
    assert.ok(late <= 5, `${late} refusals after the first tenth (${refusedAt.length} in all)`);
  });

  it('with 16 calls in flight and retries, keeps to a token bucket: near the quota-ideal time, hardly a 429 once learnt', () => {
    const { ms, refusedAt } = simulateCalls({ server: bucketServer(600, 20), calls: 1208, concurrency: 16, latencyMs: 1, retryDelayMs: 1000, paced: true });
    const ideal = ((1208 - 20) * 60_000) / 600;
    assert.ok(ms <= 1.1 * ideal, `${ms} ms against an ideal ${ideal}`);
    const late = refusedAt.filter((t) => t > ms / 2).length;
    assert.ok(late <= 5, `${late} refusals in the second half (${refusedAt.length} in all)`);
  });

  it('does not slow down for a server that refuses 6% of calls at random, whatever the rate', () => {
    for (const seed of [1, 2, 3]) {
      const run = (paced: boolean) =>
        simulateCalls({ server: randomRefusals(0.06, seed), calls: 2000, concurrency: 32, latencyMs: 3, retryDelayMs: 5, paced }).ms;
      const [paced, unpaced] = [run(true), run(false)];
      assert.ok(paced <= 1.5 * unpaced, `seed ${seed}: ${paced.toFixed(0)} ms paced against ${unpaced.toFixed(0)} ms unpaced`);
    }
  });
});
