import pLimit from 'p-limit';
import { setMaxListeners } from 'node:events';
import { buildMessages, type PromptOptions } from '../prompt/build.js';
import type { RateLimit } from '../models/model-config.js';
import type { Provider } from '../models/types.js';
import type { Store } from '../store/types.js';
import { ask } from './ask.js';
import { CircuitBreaker, type ProgressEvent } from './call-with-retries.js';
import { GroupCommit } from './group-commit.js';
import type { CallGate } from './budget.js';
import { ModelPace } from './model-pace.js';
import type { PlannedCall } from './plan.js';

export type { ProgressEvent } from './call-with-retries.js';

export interface ModelRuntime {
  id: string;
  provider: Provider;
  temperature: number;
  maxTokens: number;
  retries: number;
  /** Calls to this model at once; the global limit applies too. */
  concurrency: number;
  /** The model's quota; without one its calls are paced only by 429s and the server's rate-limit headers. */
  rateLimit?: RateLimit;
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
  /** Things the user should know that are not errors (a batch found again after a kill, a file not deleted). */
  onNotice?: (message: string) => void;
  /** Admits each call against a budget and counts what it cost (run/budget.ts). */
  gate?: CallGate;
}

export interface ExecuteResult {
  made: number;
  failed: number;
  /** Calls not attempted because their model's circuit opened. */
  skipped: number;
  openCircuits: string[];
  interrupted: boolean;
  /** Calls not made because the budget would have been crossed. */
  unaffordable: number;
}

/** Makes the planned calls, committing each one to the store as it finishes (grouped per event-loop turn). */
export async function execute(o: ExecuteOptions): Promise<ExecuteResult> {
  // Every call in flight listens for the interrupt: that is expected, not a leak.
  setMaxListeners(0, o.signal);
  const global = pLimit(o.concurrency);
  const runtimes = new Map(
    o.models.map((m) => [
      m.id,
      { ...m, limit: pLimit(Math.max(1, m.concurrency)), breaker: new CircuitBreaker(o.breakerThreshold ?? 20), pace: new ModelPace(m.rateLimit) },
    ]),
  );
  const messageCache = new Map<string, ReturnType<typeof buildMessages>>();
  const commits = new GroupCommit(o.store);
  const result: ExecuteResult = { made: 0, failed: 0, skipped: 0, openCircuits: [], interrupted: false, unaffordable: 0 };
  let done = 0;

  const runOne = async (call: PlannedCall) => {
    const rt = runtimes.get(call.modelId)!;
    if (o.signal.aborted) return;
    if (rt.breaker.open) {
      result.skipped++;
      return;
    }
    if (o.gate && !o.gate.admit(call)) {
      result.unaffordable++;
      return;
    }
    let messages = messageCache.get(call.variant.id);
    if (!messages) {
      messages = buildMessages(call.variant, o.prompt);
      messageCache.set(call.variant.id, messages);
    }
    const record = await ask(rt, call.variant, messages, { style: o.prompt.style, retryDelayMs: o.retryDelayMs, signal: o.signal, pace: rt.pace });
    if (!record) return; // interrupted: nothing is stored, the call is made again on resume
    await commits.save(record);
    o.gate?.settle(call, record);
    result.made++;
    if (record.status === 'failed') result.failed++;
    if (rt.breaker.record(record.status === 'failed')) result.openCircuits.push(rt.id);
    done++;
    o.onProgress?.({
      done,
      total: o.calls.length,
      failed: result.failed,
      modelId: rt.id,
      spent: o.gate?.metered ? o.gate.spent : undefined,
      pace: rt.pace.status(),
    });
  };

  await Promise.all(o.calls.map((call) => runtimes.get(call.modelId)!.limit(() => global(() => runOne(call)))));
  result.interrupted = o.signal.aborted;
  if (result.skipped) o.onProgress?.({ done, total: o.calls.length, failed: result.failed, modelId: '' });
  return result;
}
