import { hostname } from 'node:os';
import { inputError } from '../errors.js';
import type { CallJob, WorkerPool } from '../queue/types.js';
import { startWorkers } from '../queue/workers.js';
import { ask } from '../run/ask.js';
import type { SharedStore } from '../store/shared.js';
import type { CallRecord } from '../store/types.js';
import { loadRunContext, type RunContext } from './run-context.js';

export interface WorkerOptions {
  queueUrl: string;
  store: SharedStore;
  /** The models this machine serves; every model of the runs in the store when absent. */
  models?: readonly string[];
  /** Calls in flight at once per model in this process (the model's cluster-wide limits hold on top). */
  concurrency: number;
  /** How long a job stays with a worker that stopped answering (killed) before another takes it. */
  lockMs?: number;
  env?: NodeJS.ProcessEnv;
  /** Aborting abandons the calls in flight (they are made again elsewhere); `close()` lets them finish. */
  signal: AbortSignal;
  onCall?: (job: CallJob, record: CallRecord) => void;
  onNotice?: (message: string) => void;
}

export interface RunningWorker {
  name: string;
  models: string[];
  /** Takes no new job, finishes the calls in flight and stores them. */
  close(): Promise<void>;
}

/** Serves calls from the queue: each job is asked through the same code as a local audit and committed to the shared store. */
export async function runWorker(o: WorkerOptions): Promise<RunningWorker> {
  const env = o.env ?? process.env;
  const models = o.models?.length ? [...o.models] : [...new Set((await o.store.runs()).flatMap((r) => r.models))];
  if (!models.length)
    throw inputError('E_USAGE', 'the shared store has no run yet, so there is no model to serve: start the audit first, or name models with --models');
  const contexts = new Map<string, Promise<RunContext>>();
  const context = (runId: string) => {
    let c = contexts.get(runId);
    if (!c) {
      c = loadRunContext(o.store, runId, env);
      // A failed load is tried again by the next job, not cached.
      c.catch(() => contexts.delete(runId));
      contexts.set(runId, c);
    }
    return c;
  };
  const name = `${hostname()}:${process.pid}`;
  const opened = new Set<string>();
  const handle = async (job: CallJob) => {
    const ctx = await context(job.runId);
    const m = ctx.model(job.modelId);
    // This worker has stopped calling a model that failed again and again; the job waits for another worker or a later try.
    if (m.breaker.open) throw new Error(`${job.modelId} is failing on ${name}: circuit open`);
    const variant = ctx.variant(job.variantId);
    const record = await ask(m.rt, variant, ctx.messages(variant), {
      style: ctx.meta.config.prompt.style,
      retryDelayMs: ctx.meta.config.retryDelayMs,
      signal: o.signal,
      pace: m.pace,
    });
    if (!record) throw new Error('interrupted; the call is made again');
    await o.store.saveCall(job.runId, record);
    if (m.breaker.record(record.status === 'failed') && !opened.has(job.modelId)) {
      opened.add(job.modelId);
      o.onNotice?.(`stopped calling ${job.modelId} on this worker after repeated failures (provider down?); its jobs go back to the queue`);
    }
    o.onCall?.(job, record);
  };
  const pool: WorkerPool = await startWorkers(o.queueUrl, models, handle, { concurrency: o.concurrency, name, lockMs: o.lockMs });
  return {
    name,
    models,
    close: async () => {
      await pool.close();
      await Promise.all(
        [...contexts.values()].map((c) =>
          c.then(
            (x) => x.close(),
            () => undefined,
          ),
        ),
      );
    },
  };
}
