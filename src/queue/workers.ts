import type { Worker } from 'bullmq';
import { inputError } from '../errors.js';
import { lastingConnection, probeRedis } from './connection.js';
import { PREFIX, queueName } from './names.js';
import type { CallJob, WorkerPool } from './types.js';

/** BullMQ's default lock: a worker that stops renewing it (killed, frozen) loses its jobs 30 s later. */
const LOCK_MS = 30_000;
/**
 * A job whose worker died is put back this many times before BullMQ fails it (and drops it: removeOnFail).
 * Kills are expected (SIGKILL loses only calls in flight), so more than BullMQ's default of 1.
 */
const MAX_STALLS = 10;

/** How long close() waits for Redis to take the last results once every call in flight has ended. */
const GRACE_MS = 5000;

/** Errors a worker sees while Redis restarts; ioredis reconnects by itself. */
const CONNECTION_ERROR = /ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|Connection is closed|LOADING/;

/**
 * Takes jobs for the given models only and runs `handle` on each (at most `concurrency` at once per model in this
 * process). The model's cluster-wide limits (set by enqueue) hold across every worker.
 */
export async function startWorkers(
  redisUrl: string,
  models: readonly string[],
  handle: (job: CallJob) => Promise<void>,
  o: { concurrency: number; name: string; lockMs?: number },
): Promise<WorkerPool> {
  if (!Number.isInteger(o.concurrency) || o.concurrency < 1) throw inputError('E_USAGE', `worker concurrency must be a whole number ≥ 1, not ${o.concurrency}`);
  // A client name holds no spaces (Redis CLIENT SETNAME).
  if (!/^\S+$/.test(o.name)) throw inputError('E_USAGE', `a worker name holds no spaces: '${o.name}'`);
  const bullmq = await import('bullmq');
  await probeRedis(bullmq, redisUrl);
  const lockDuration = o.lockMs ?? LOCK_MS;
  const connection = lastingConnection(redisUrl);
  const inFlight = new Set<Promise<void>>();
  const run = (job: CallJob) => {
    const p = handle(job);
    inFlight.add(p);
    return p.finally(() => inFlight.delete(p));
  };
  const workers: Worker<CallJob>[] = [...new Set(models)].map((modelId) => {
    const w = new bullmq.Worker<CallJob>(queueName(modelId), (job) => run(job.data), {
      prefix: PREFIX,
      connection,
      name: o.name,
      concurrency: o.concurrency,
      lockDuration,
      // Checked as often as a lock lasts: a dead worker's job is back within two lock durations.
      stalledInterval: lockDuration,
      maxStalledCount: MAX_STALLS,
    });
    w.on('error', (e) => {
      if (!CONNECTION_ERROR.test(e.message)) process.stderr.write(`masld worker ${o.name}: ${modelId}: ${e.message}\n`);
    });
    return w;
  });
  await Promise.all(workers.map((w) => w.waitUntilReady()));
  return {
    async close() {
      // Not forced: each worker takes no new job, waits for its calls in flight, then closes its connections.
      const closing = Promise.all(workers.map((w) => w.close()));
      await Promise.allSettled([...inFlight]);
      let timer: NodeJS.Timeout | undefined;
      const closed = await Promise.race([closing.then(() => true), new Promise<boolean>((r) => (timer = setTimeout(r, GRACE_MS, false)))]);
      clearTimeout(timer);
      // Redis is down: the calls have ended and their jobs come back through the stalled check. BullMQ's close (and
      // disconnect) would wait for Redis forever, so give up on it: the process may exit now.
      if (!closed) for (const w of workers) void w.disconnect().catch(() => {});
    },
  };
}
