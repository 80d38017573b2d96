import { syncBuiltinESMExports } from 'node:module';
import timersPromises from 'node:timers/promises';

/**
 * One wait the retry path asked for (src/run/call-with-retries.ts):
 * - `backoff`: p-retry's timer before a retry;
 * - `retryAfter`: the sleep for a server's Retry-After, on top of the backoff.
 * `at` and `until` are the requests the server had seen when the wait began
 * and when it ended: a retry sent before its wait was over shows as until > at.
 */
export interface Wait {
  kind: 'backoff' | 'retryAfter';
  ms: number;
  at: number;
  until: number | null;
}

/**
 * Runs fn and records, in order, the waits the retry path asks for, without
 * measuring any time: what is checked is the delay requested and that the
 * retry came after it, not how long the machine took. The waits still happen
 * (the real timers run); only the call is observed.
 */
export async function recordWaits<T>(requests: () => number, fn: () => Promise<T>): Promise<{ result: T; waits: Wait[] }> {
  const waits: Wait[] = [];
  const realTimeout = globalThis.setTimeout;
  const realSleep = timersPromises.setTimeout;
  const begin = (kind: Wait['kind'], ms: number) => {
    const w: Wait = { kind, ms, at: requests(), until: null };
    waits.push(w);
    return () => {
      w.until = requests();
    };
  };
  // p-retry sleeps with the global setTimeout; other timers (request timeouts, the fake server's) pass through unrecorded.
  globalThis.setTimeout = ((cb: (...a: unknown[]) => void, ms?: number, ...args: unknown[]) => {
    // The frame that called setTimeout (below the spy's own): p-retry's delay, not a timer set within a retried call.
    const caller = (new Error().stack ?? '').split('\n')[2] ?? '';
    if (!/[\\/]p-retry[\\/]/.test(caller)) return realTimeout(cb, ms, ...args);
    const end = begin('backoff', ms ?? 0);
    return realTimeout(
      (...a: unknown[]) => {
        end();
        cb(...a);
      },
      ms,
      ...args,
    );
  }) as typeof setTimeout;
  // The Retry-After sleep is node:timers/promises' setTimeout, imported by name: re-export the spy to ESM importers.
  timersPromises.setTimeout = (async (ms?: number, value?: unknown, options?: { signal?: AbortSignal }) => {
    const end = begin('retryAfter', ms ?? 0);
    try {
      return await realSleep(ms, value, options);
    } finally {
      end();
    }
  }) as typeof timersPromises.setTimeout;
  syncBuiltinESMExports();
  try {
    return { result: await fn(), waits };
  } finally {
    globalThis.setTimeout = realTimeout;
    timersPromises.setTimeout = realSleep;
    syncBuiltinESMExports();
  }
}
