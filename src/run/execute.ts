import pLimit from 'p-limit';
import pRetry from 'p-retry';
import { setMaxListeners } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { buildMessages, type PromptOptions } from '../prompt/build.js';
import { ProviderError } from '../models/errors.js';
import type { Provider } from '../models/types.js';
import type { CallRecord, Store } from '../store/types.js';
import { GroupCommit } from './group-commit.js';
import type { PlannedCall } from './plan.js';

export interface ModelRuntime {
  id: string;
  provider: Provider;
  temperature: number;
  maxTokens: number;
  retries: number;
  /** Calls to this model at once; the global limit applies too. */
  concurrency: number;
}

export interface ProgressEvent {
  done: number;
  total: number;
  failed: number;
  modelId: string;
}

export interface ExecuteOptions {
  calls: readonly PlannedCall[];
  models: readonly ModelRuntime[];
  store: Store;
  prompt: PromptOptions;
  concurrency: number;
  retryDelayMs: number;
  /** Aborting stops new calls and abandons calls in flight (they are not stored). */
  signal: AbortSignal;
  /** Consecutive failed calls after which a model is treated as down. */
  breakerThreshold?: number;
  onProgress?: (e: ProgressEvent) => void;
}

export interface ExecuteResult {
  made: number;
  failed: number;
  /** Calls not attempted because their model's circuit opened. */
  skipped: number;
  openCircuits: string[];
  interrupted: boolean;
}

/** Makes the planned calls, committing each one to the store as it finishes (grouped per event-loop turn). */
export async function execute(o: ExecuteOptions): Promise<ExecuteResult> {
  // Every call in flight listens for the interrupt: that is expected, not a leak.
  setMaxListeners(0, o.signal);
  const global = pLimit(o.concurrency);
  const runtimes = new Map(o.models.map((m) => [m.id, { ...m, limit: pLimit(Math.max(1, m.concurrency)), consecutiveFailures: 0, open: false }]));
  const threshold = o.breakerThreshold ?? 20;
  const messageCache = new Map<string, ReturnType<typeof buildMessages>>();
  const commits = new GroupCommit(o.store);
  const result: ExecuteResult = { made: 0, failed: 0, skipped: 0, openCircuits: [], interrupted: false };
  let done = 0;

  const runOne = async (call: PlannedCall) => {
    const rt = runtimes.get(call.modelId)!;
    if (o.signal.aborted) return;
    if (rt.open) { result.skipped++; return; }
    let messages = messageCache.get(call.variant.id);
    if (!messages) {
      messages = buildMessages(call.variant, o.prompt);
      messageCache.set(call.variant.id, messages);
    }
    const record = await callWithRetries(rt, messages, Object.keys(call.variant.options), o);
    if (!record) return; // interrupted: nothing is stored, the call is made again on resume
    record.variantId = call.variant.id;
    await commits.save(record);
    result.made++;
    if (record.status === 'failed') {
      result.failed++;
      if (++rt.consecutiveFailures >= threshold && !rt.open) {
        rt.open = true;
        result.openCircuits.push(rt.id);
      }
    } else {
      rt.consecutiveFailures = 0;
    }
    done++;
    o.onProgress?.({ done, total: o.calls.length, failed: result.failed, modelId: rt.id });
  };

  await Promise.all(o.calls.map((call) => runtimes.get(call.modelId)!.limit(() => global(() => runOne(call)))));
  result.interrupted = o.signal.aborted;
  if (result.skipped) o.onProgress?.({ done, total: o.calls.length, failed: result.failed, modelId: '' });
  return result;
}

async function callWithRetries(rt: ModelRuntime, messages: ReturnType<typeof buildMessages>, choices: string[], o: ExecuteOptions): Promise<CallRecord | null> {
  const errors: string[] = [];
  let attempts = 0;
  let started = 0;
  try {
    const res = await pRetry(
      async () => {
        attempts++;
        started = performance.now();
        return rt.provider.complete({ messages, temperature: rt.temperature, maxTokens: rt.maxTokens, choices, signal: o.signal });
      },
      {
        retries: rt.retries,
        minTimeout: o.retryDelayMs,
        factor: 2,
        maxTimeout: Math.max(o.retryDelayMs, 60_000),
        randomize: true,
        signal: o.signal,
        shouldRetry: ({ error }) => error instanceof ProviderError && error.retryable,
        onFailedAttempt: async ({ error, retriesLeft }) => {
          errors.push(`attempt ${errors.length + 1}: ${error.message}`);
          const wait = error instanceof ProviderError && error.retryable ? error.retryAfterMs : undefined;
          if (wait && retriesLeft > 0) await sleep(wait, undefined, { signal: o.signal }).catch(() => undefined);
        },
      },
    );
    return {
      modelId: rt.id, variantId: '', status: 'ok', raw: res.text, truncated: res.truncated, finishReason: res.finishReason,
      inputTokens: res.inputTokens, outputTokens: res.outputTokens, latencyMs: Math.round((performance.now() - started) * 10) / 10,
      attempts, errors, finishedAt: new Date().toISOString(), letterProbs: res.letterProbs ?? null,
    };
  } catch (err) {
    if (o.signal.aborted) return null;
    return {
      modelId: rt.id, variantId: '', status: 'failed', raw: null, truncated: false, finishReason: null,
      inputTokens: null, outputTokens: null, latencyMs: null, attempts, errors, finishedAt: new Date().toISOString(),
    };
  }
}
