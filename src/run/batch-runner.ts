import { setTimeout as sleep } from 'node:timers/promises';
import type { BatchClient, BatchItemResult, BatchSettings } from '../models/batch.js';
import { MasldError } from '../errors.js';
import { ProviderError } from '../models/errors.js';
import type { PromptOptions } from '../prompt/build.js';
import { answeredRecord, failedRecord } from './call-record.js';
import { recover, submit, withRetries } from './batch-submit.js';
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
  onNotice?: (message: string) => void;
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
 * batch is stored as an intent (a token, its items) before its create request
 * leaves and with its id as soon as the provider returns it, so a restart
 * polls it rather than paying again, even when the process died while the
 * create was in flight (the intent is looked up at the provider by its
 * token). Its results are imported into the store with the calls made live.
 * The provider sees custom ids only; this maps them back.
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
          `model "${m.id}": the batch API refused a request (${err.message}). Batches already created are kept in the ` +
            'store and picked up when the same command is run again.',
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
  const intents = o.store.batchIntents(m.id);
  const held = new Set([...open, ...intents].flatMap((b) => Object.values(b.items)));
  const pending: BatchRecord[] = [...open];
  const toSubmit: { calls: PlannedCall[]; round: number }[] = [];
  // Batches whose create reply a kill lost: found at the provider, or sent again if it never got them.
  for (const intent of intents) {
    const found = await recover(m, client, intent, o);
    if (found === null) return;
    if (found) pending.push(found);
    else toSubmit.push({ calls: callsOf(intent.items, planned), round: intent.round });
  }
  const fresh = [...planned.values()].filter((c) => !held.has(c.variant.id));
  if (fresh.length) toSubmit.push({ calls: fresh, round: [...open, ...intents].reduce((a, b) => Math.max(a, b.round), 0) });
  while (!o.signal.aborted) {
    for (const next of toSubmit.splice(0)) {
      const b = await submit(m, client, next.calls, next.round, o, result);
      if (b) pending.push(b);
    }
    const batch = pending.shift();
    if (!batch) return;
    const outcome = await finish(m, client, s, batch, planned, o, result);
    if (!outcome) return; // interrupted: the batch stays open in the store
    if (outcome.foreign) {
      // Taken for ours by size and time, it was another's: look again without it before paying a second time.
      const again = await recover(m, client, { ...batch, token: batch.token! }, o);
      if (again === null) return;
      if (again) pending.push(again);
      else toSubmit.push({ calls: outcome.foreign, round: batch.round });
      continue;
    }
    const failures = outcome.failures;
    if (!failures.length) continue;
    if (s.onFailed === 'live') result.retryLive.push(...failures);
    else if (batch.round + 1 < s.rounds) toSubmit.push({ calls: failures, round: batch.round + 1 });
  }
}

const callsOf = (items: Record<string, string>, planned: Map<string, PlannedCall>) => Object.values(items).flatMap((v) => planned.get(v) ?? []);

/**
 * Polls a batch until it ends and imports it: the calls that got no reply
 * (`failures`), or every call of a batch that turned out not to be this
 * run's (`foreign`); null when interrupted.
 */
async function finish(
  m: ModelRuntime,
  client: BatchClient,
  s: BatchSettings,
  b: BatchRecord,
  planned: Map<string, PlannedCall>,
  o: BatchRunOptions,
  result: BatchRunResult,
): Promise<{ failures: PlannedCall[]; foreign?: undefined } | { foreign: PlannedCall[] } | null> {
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
  const strangers = b.token ? items.filter((r) => !r.customId.startsWith(`${b.token}-`)).length : 0;
  if (strangers) {
    // Matched by size and time only (Anthropic keeps no tag): another client's batch. Importing it would store answers to other prompts.
    o.store.disownBatch(b.id);
    const calls = callsOf(b.items, planned);
    for (const c of calls) o.gate?.settle(c, failedRecord(m.id, c.variant.id, [], { attempts: 1, finishedAt: '' }));
    o.onNotice?.(
      `model "${m.id}": batch ${b.id} is not this run's: ${strangers} of its ${items.length} custom ids lack the ` +
        `token ${b.token} it was matched for. Nothing of it was imported, and it is not polled again.`,
    );
    return { foreign: calls };
  }
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
  await cleanup(m, client, b, o);
  return { failures };
}

/** Frees what the provider keeps of an imported batch; a failure is a warning, the results being safe in the store. */
async function cleanup(m: ModelRuntime, client: BatchClient, b: BatchRecord, o: BatchRunOptions): Promise<void> {
  if (!client.cleanup) return;
  try {
    await withRetries(() => client.cleanup!(b.id, o.signal), m.retries, o.signal);
  } catch (err) {
    o.onNotice?.(
      `warning: model "${m.id}": batch ${b.id} is imported, but deleting its input file at the provider failed ` +
        `(${(err as Error).message}); it stays in the provider's file storage until deleted there.`,
    );
  }
}
