import { setTimeout as sleep } from 'node:timers/promises';
import type { BatchClient, BatchItemResult, BatchSettings } from '../models/batch.js';
import { MasldError } from '../errors.js';
import { ProviderError } from '../models/errors.js';
import { buildMessages, type PromptOptions } from '../prompt/build.js';
import { answeredRecord, failedRecord } from './call-record.js';
import type { BatchRecord, CallRecord, Store } from '../store/types.js';
import type { CallGate } from './budget.js';
import type { ProgressEvent } from './call-with-retries.js';
import type { ModelRuntime } from './execute.js';
import type { PlannedCall } from './plan.js';

export interface BatchRunOptions {
  calls: readonly PlannedCall[];
  models: readonly ModelRuntime[];
  store: Store;
  prompt: PromptOptions;
  signal: AbortSignal;
  gate?: CallGate;
  onProgress?: (e: ProgressEvent) => void;
}

export interface BatchRunResult {
  made: number;
  failed: number;
  /** Failed or expired items to make live (`batch.onFailed: live`). */
  retryLive: PlannedCall[];
  unaffordable: number;
  interrupted: boolean;
}

/**
 * The calls of `mode: batch` models, through their provider's batch API. A
 * batch's id is stored as soon as it exists, so a restart polls it rather
 * than paying again; its results are imported into the store with the calls
 * made live. The provider sees custom ids only; this maps them back.
 */
export async function runBatches(o: BatchRunOptions): Promise<BatchRunResult> {
  const result: BatchRunResult = { made: 0, failed: 0, retryLive: [], unaffordable: 0, interrupted: false };
  await Promise.all(
    o.models.map((m) => {
      const client = m.provider.batch;
      if (!client) return undefined;
      return runModel(m, client, m.provider.batchSettings!, o, result).catch((err: unknown) => {
        if (!(err instanceof ProviderError)) throw err;
        throw new MasldError(
          'E_PROVIDER',
          `model "${m.id}": the batch API refused a request (${err.message}). Batches already created are kept in the store and picked up when the same command is run again.`,
          {},
          { cause: err },
        );
      });
    }),
  );
  result.interrupted = o.signal.aborted;
  return result;
}

async function runModel(m: ModelRuntime, client: BatchClient, s: BatchSettings, o: BatchRunOptions, result: BatchRunResult): Promise<void> {
  const planned = new Map(o.calls.filter((c) => c.modelId === m.id).map((c) => [c.variant.id, c]));
  const open = o.store.openBatches(m.id);
  const inOpen = new Set(open.flatMap((b) => Object.values(b.items)));
  let queue = [...planned.values()].filter((c) => !inOpen.has(c.variant.id));
  let round = open.reduce((a, b) => Math.max(a, b.round), 0);
  const pending: BatchRecord[] = [...open];
  while (!o.signal.aborted) {
    if (queue.length) {
      const b = await submit(m, client, queue, round, o, result);
      queue = [];
      if (b) pending.push(b);
    }
    const batch = pending.shift();
    if (!batch) return;
    const failures = await finish(m, client, s, batch, planned, o, result);
    if (!failures) return; // interrupted: the batch stays open in the store
    if (s.onFailed === 'live') result.retryLive.push(...failures);
    else if (batch.round + 1 < s.rounds) {
      queue = failures;
      round = batch.round + 1;
    }
  }
}

async function submit(m: ModelRuntime, client: BatchClient, calls: PlannedCall[], round: number, o: BatchRunOptions, result: BatchRunResult) {
  const admitted = o.gate ? calls.filter((c) => o.gate!.admit(c)) : calls;
  result.unaffordable += calls.length - admitted.length;
  if (!admitted.length) return null;
  const items: Record<string, string> = {};
  const requests = admitted.map((c, i) => {
    const customId = `r${round}-${i}`;
    items[customId] = c.variant.id;
    return {
      customId,
      request: { messages: buildMessages(c.variant, o.prompt), temperature: m.temperature, maxTokens: m.maxTokens, choices: Object.keys(c.variant.options) },
    };
  });
  const id = await withRetries(() => client.submit(requests, o.signal), m.retries, o.signal);
  if (id === null) return null;
  const record: BatchRecord = { id, modelId: m.id, round, items, createdAt: new Date().toISOString() };
  o.store.saveBatch(record);
  return record;
}

/** Polls a batch until it ends and imports it; returns the calls that got no reply, or null when interrupted. */
async function finish(
  m: ModelRuntime,
  client: BatchClient,
  s: BatchSettings,
  b: BatchRecord,
  planned: Map<string, PlannedCall>,
  o: BatchRunOptions,
  result: BatchRunResult,
) {
  let wait = s.pollMs;
  for (;;) {
    const st = await withRetries(() => client.status(b.id, o.signal), m.retries, o.signal);
    if (st === null) return null;
    o.onProgress?.({
      done: result.made,
      total: o.calls.length,
      failed: result.failed,
      modelId: m.id,
      spent: o.gate?.metered ? o.gate.spent : undefined,
      batch: { id: b.id, done: st.done, failed: st.failed, total: st.total },
    });
    if (st.ended) break;
    await sleep(wait, undefined, { signal: o.signal }).catch(() => undefined);
    if (o.signal.aborted) return null;
    wait = Math.min(s.maxPollMs, Math.round(wait * 1.5));
  }
  const items = await withRetries(() => client.results(b.id, o.signal), m.retries, o.signal);
  if (items === null) return null;
  const byId = new Map<string, BatchItemResult>(items.map((r) => [r.customId, r]));
  const records: CallRecord[] = [];
  const failures: PlannedCall[] = [];
  const lastRound = s.onFailed === 'batch' && b.round + 1 >= s.rounds;
  for (const [customId, variantId] of Object.entries(b.items)) {
    const r = byId.get(customId);
    const call = planned.get(variantId) ?? { modelId: m.id, variant: { id: variantId } as PlannedCall['variant'] };
    if (r && 'response' in r) {
      records.push(answeredRecord(m.id, variantId, r.response, { attempts: 1, mode: 'batch' }));
    } else {
      const why = r ? r.error : 'not processed before the batch ended (expired)';
      if (lastRound) records.push(failedRecord(m.id, variantId, [`batch ${b.id}: ${why}`], { attempts: b.round + 1, mode: 'batch' }));
      else failures.push(call);
    }
  }
  o.store.importBatch(b.id, records);
  for (const r of records) {
    result.made++;
    if (r.status === 'failed') result.failed++;
    const call = planned.get(r.variantId);
    if (call) o.gate?.settle(call, r);
  }
  // Calls admitted but without a reply give their reservation back; a retry is admitted afresh.
  for (const c of failures) o.gate?.settle(c, failedRecord(m.id, c.variant.id, [], { attempts: 1, finishedAt: '' }));
  o.onProgress?.({ done: result.made, total: o.calls.length, failed: result.failed, modelId: m.id, spent: o.gate?.metered ? o.gate.spent : undefined });
  return failures;
}

/** A batch API request, retried on retryable errors with backoff; null when interrupted. */
async function withRetries<T>(fn: () => Promise<T>, retries: number, signal: AbortSignal): Promise<T | null> {
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
