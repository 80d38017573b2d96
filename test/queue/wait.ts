import { after, before } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { openCallQueue } from '../../src/queue/call-queue.js';
import type { CallQueue } from '../../src/queue/types.js';
import { type RedisServer, startRedis } from '../support/redis.js';

export { sleep };

/** Polls until `done()` holds; fails naming `what` after `ms`. */
export async function waitFor(what: string, done: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > until) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(25);
  }
}

/** `n` variant ids: v00, v01, … */
export const variantIds = (n: number, head = 'v') => Array.from({ length: n }, (_, i) => `${head}${String(i).padStart(2, '0')}`);

/** A run id as the fingerprint gives it: 64 hex digits. */
export const RUN = 'ab'.repeat(32);

/** A throwaway Redis and a queue on it for the enclosing describe, both closed after it. */
export function queueOnRedis(): { redis: RedisServer; q: CallQueue } {
  const ctx = {} as { redis: RedisServer; q: CallQueue };
  before(async () => {
    ctx.redis = await startRedis();
    ctx.q = await openCallQueue(ctx.redis.url);
  });
  after(async () => {
    await ctx.q?.close();
    await ctx.redis?.stop();
  });
  return ctx;
}
