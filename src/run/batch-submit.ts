import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { BatchClient, BatchTag } from '../models/batch.js';
import { ProviderError } from '../models/errors.js';
import { buildMessages } from '../prompt/build.js';
import type { BatchIntent, BatchRecord } from '../store/types.js';
import type { BatchRunOptions, BatchRunResult } from './batch-runner.js';
import type { ModelRuntime } from './execute.js';
import type { PlannedCall } from './plan.js';

/* Creating a batch, kill-safe: the intent is stored before the create request leaves, and an intent left by a kill is looked up. */

const tagOf = (i: BatchIntent): BatchTag => ({ token: i.token, since: new Date(i.createdAt), count: Object.keys(i.items).length });

/**
 * An intent a kill left behind (its create request was in flight): the batch
 * the provider made of it, recorded now; undefined when the provider has
 * none (the intent is dropped and its calls are sent again); null when interrupted.
 */
export async function recover(m: ModelRuntime, client: BatchClient, intent: BatchIntent, o: BatchRunOptions): Promise<BatchRecord | undefined | null> {
  const n = Object.keys(intent.items).length;
  const found = await withRetries(() => client.find(tagOf(intent), o.store.knownBatchIds(), o.signal), m.retries, o.signal);
  if (found === null) return null;
  if (!found) {
    o.store.dropBatchIntent(intent.token);
    o.onNotice?.(
      `model "${m.id}": a batch of ${n} calls was being created when an earlier run stopped ` +
        `(token ${intent.token}); the provider has no such batch, so the request never reached it: sending the calls again.`,
    );
    return undefined;
  }
  const record: BatchRecord = { id: found.id, modelId: m.id, round: intent.round, items: intent.items, createdAt: intent.createdAt, token: intent.token };
  o.store.saveBatch(record);
  o.onNotice?.(
    found.byToken
      ? `model "${m.id}": batch ${found.id} was created before an earlier run stopped (found by its ` +
          `token ${intent.token}); polling it instead of sending its ${n} calls again.`
      : `model "${m.id}": batch ${found.id} matches the batch being created when an earlier run stopped (${n} ` +
          `requests, created since ${intent.createdAt}); polling it instead of sending its calls again. Its custom ids ` +
          `are checked for token ${intent.token} before its results are imported.`,
  );
  return record;
}

export async function submit(
  m: ModelRuntime,
  client: BatchClient,
  calls: PlannedCall[],
  round: number,
  o: BatchRunOptions,
  result: BatchRunResult,
): Promise<BatchRecord | null> {
  if (o.signal.aborted) return null;
  // A batch cannot be stopped once sent: its calls are admitted at their ceiling, every reply at the token cap.
  const admitted = o.gate ? calls.filter((c) => o.gate!.admit(c, m.maxTokens)) : calls;
  result.unaffordable += calls.length - admitted.length;
  if (!admitted.length) return null;
  // Every custom id carries the batch's token, so a batch found again (by size and time, on Anthropic) can be told ours.
  const token = `b${randomBytes(8).toString('hex')}`;
  const items: Record<string, string> = {};
  const requests = admitted.map((c, i) => {
    const customId = `${token}-${i}`;
    items[customId] = c.variant.id;
    return {
      customId,
      request: { messages: buildMessages(c.variant, o.prompt), temperature: m.temperature, maxTokens: m.maxTokens, choices: Object.keys(c.variant.options) },
    };
  });
  const intent: BatchIntent = { token, modelId: m.id, round, items, createdAt: new Date().toISOString() };
  // Stored before the create request leaves: if the process dies while it is in flight, a resume looks the batch up instead of paying twice.
  o.store.saveBatchIntent(intent);
  // Some create's reply was lost (network error, timeout): a batch may exist. The last create was refused outright (a 4xx): it made none.
  let replyLost = false;
  let refused = false;
  const id = await withRetries(
    async () => {
      // Look before sending the create again.
      const found = replyLost ? await client.find(tagOf(intent), o.store.knownBatchIds(), o.signal) : undefined;
      if (found) {
        o.onNotice?.(
          `model "${m.id}": the reply to creating batch ${found.id} was lost, but the batch was made (found ` +
            `by ${found.byToken ? 'its token' : 'its size and time'}): not sending it again.`,
        );
        return found.id;
      }
      try {
        return await client.submit(requests, tagOf(intent), o.signal);
      } catch (err) {
        replyLost ||= err instanceof ProviderError && (err.kind === 'network' || err.kind === 'timeout');
        refused = err instanceof ProviderError && err.kind === 'http' && !err.retryable;
        throw err;
      }
    },
    m.retries,
    o.signal,
  ).catch((err: unknown) => {
    // No batch can exist: the intent goes. Otherwise it stays for the next run to look up.
    if (refused && !replyLost) o.store.dropBatchIntent(token);
    throw err;
  });
  if (id === null) return null; // interrupted: the intent stays, and a resume looks it up
  const record: BatchRecord = { id, modelId: m.id, round, items, createdAt: intent.createdAt, token };
  o.store.saveBatch(record);
  return record;
}

/** A batch API request, retried on retryable errors with backoff; null when interrupted. */
export async function withRetries<T>(fn: () => Promise<T>, retries: number, signal: AbortSignal): Promise<T | null> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (signal.aborted) return null;
      if (!(err instanceof ProviderError) || !err.retryable || attempt >= retries) throw err;
      await sleep(Math.min(60_000, 500 * 2 ** attempt), undefined, { signal }).catch(() => undefined);
    }
  }
}
