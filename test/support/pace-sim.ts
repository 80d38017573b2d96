import { ProviderError } from '../../src/models/errors.js';
import { Pacer } from '../../src/run/pace.js';

/** A simulated server's answer to a call sent at `now`. */
export type SimServer = (now: number) => { ok: boolean; retryAfterMs?: number };

/** A token bucket of `burst` calls refilled at `rpm`, answering 429 with Retry-After past it. */
export function bucketServer(rpm: number, burst: number): SimServer {
  let tokens = burst;
  let filled = 0;
  return (now) => {
    tokens = Math.min(burst, tokens + ((now - filled) * rpm) / 60_000);
    filled = now;
    if (tokens >= 1) {
      tokens -= 1;
      return { ok: true };
    }
    return { ok: false, retryAfterMs: ((1 - tokens) * 60_000) / rpm };
  };
}

/** A server that refuses a share `p` of calls with a bare 429 whatever the rate (a seeded generator). */
export function randomRefusals(p: number, seed: number): SimServer {
  let s = seed;
  const next = () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
  return () => ({ ok: next() >= p });
}

/**
 * An audit's calls in simulated time: `concurrency` calls at once, each waiting for the pacer (when `paced`), sent,
 * answered after `latencyMs`, and on a 429 retried after `retryDelayMs` doubling, plus any Retry-After. The time is
 * simulated, so the result does not depend on the machine.
 */
export function simulateCalls(o: { server: SimServer; calls: number; concurrency: number; latencyMs: number; retryDelayMs: number; paced: boolean }) {
  const pacer = new Pacer({});
  const queue: { t: number; run: () => void }[] = [];
  let now = 0;
  let started = 0;
  const refusedAt: number[] = [];
  const next = () => {
    if (started < o.calls) {
      started++;
      attempt(now, 0);
    }
  };
  const attempt = (t: number, retry: number): void => {
    queue.push({
      t,
      run: () => {
        const wait = o.paced ? pacer.delay(now) : 0;
        if (wait > 0) return attempt(now + wait, retry);
        pacer.sent(now, 100);
        const sentAt = now;
        const answer = o.server(now);
        queue.push({
          t: now + o.latencyMs,
          run: () => {
            if (answer.ok) {
              pacer.succeeded(now, sentAt, 100, { inputTokens: 90, outputTokens: 10 });
              return next();
            }
            refusedAt.push(sentAt);
            pacer.failed(now, sentAt, new ProviderError('http', 'HTTP 429', { retryable: true, status: 429, retryAfterMs: answer.retryAfterMs }));
            attempt(now + o.retryDelayMs * 2 ** Math.min(retry, 6) + (answer.retryAfterMs ?? 0), retry + 1);
          },
        });
      },
    });
  };
  for (let i = 0; i < o.concurrency; i++) next();
  while (queue.length) {
    let first = 0;
    for (let i = 1; i < queue.length; i++) if (queue[i].t < queue[first].t) first = i;
    const [event] = queue.splice(first, 1);
    now = event.t;
    event.run();
    if (now > 3_600_000) break; // an hour: the pace collapsed
  }
  return { ms: now, refusedAt };
}
