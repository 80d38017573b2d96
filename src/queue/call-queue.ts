import type { JobsOptions, Queue } from 'bullmq';
import { inputError } from '../errors.js';
import { lastingConnection, probeRedis } from './connection.js';
import { jobIdOf, modelOfQueue, PREFIX, queueName, rateWindow } from './names.js';
import type { CallJob, CallQueue, ModelQueueCounts, QueueLimits } from './types.js';

/**
 * Done jobs leave Redis (the shared store records what is done), so a call can be enqueued again on resume.
 * A handle that throws is retried twice more (1 s, then 2 s later), then dropped: the coordinator re-enqueues
 * whatever the store still misses.
 */
const JOB_OPTIONS: JobsOptions = { removeOnComplete: true, removeOnFail: true, attempts: 3, backoff: { type: 'exponential', delay: 1000 } };
const BATCH = 500;

function checkLimits(l: QueueLimits): void {
  if (!Number.isInteger(l.concurrency) || l.concurrency < 1)
    throw inputError('E_USAGE', `a model's concurrency must be a whole number ≥ 1, not ${l.concurrency}`);
  if (l.rpm !== undefined && !(l.rpm > 0)) throw inputError('E_USAGE', `a model's rpm must be above 0, not ${l.rpm}`);
}

/** Worker connections are named `<prefix>:<base64 of the queue name>:w:<worker name>` (BullMQ's Worker `name` option). */
function workerOfClient(clientName: string): { name: string; model: string } | undefined {
  const m = /^([^:]+):([^:]+):w:(.+)$/.exec(clientName);
  if (!m || m[1] !== PREFIX) return undefined;
  const model = modelOfQueue(Buffer.from(m[2], 'base64').toString('utf8'));
  return model === undefined ? undefined : { name: m[3], model };
}

/** Opens the queues of a Redis server (one queue per model); a Redis that does not answer fails here (E_QUEUE_UNREACHABLE). */
export async function openCallQueue(redisUrl: string): Promise<CallQueue> {
  const bullmq = await import('bullmq');
  await probeRedis(bullmq, redisUrl);
  const connection = lastingConnection(redisUrl);
  const queues = new Map<string, Queue>();
  const queueOf = (modelId: string): Queue => {
    let q = queues.get(modelId);
    if (!q) {
      q = new bullmq.Queue(queueName(modelId), { prefix: PREFIX, connection, defaultJobOptions: JOB_OPTIONS });
      // Connection errors while Redis restarts: ioredis reconnects and commands wait for it.
      q.on('error', () => {});
      queues.set(modelId, q);
    }
    return q;
  };
  // Any connection can list the clients of the whole server; this one writes no queue of its own.
  let admin: Queue | undefined;

  return {
    async enqueue(runId, modelId, variantIds, limits) {
      checkLimits(limits);
      const q = queueOf(modelId);
      await q.setGlobalConcurrency(limits.concurrency);
      if (limits.rpm === undefined) await q.removeGlobalRateLimit();
      else {
        const { max, duration } = rateWindow(limits.rpm);
        await q.setGlobalRateLimit(max, duration);
      }
      const client = await q.client;
      let added = 0;
      for (let i = 0; i < variantIds.length; i += BATCH) {
        const jobs = variantIds.slice(i, i + BATCH).map((variantId): CallJob => ({ runId, modelId, variantId }));
        const ids = jobs.map(jobIdOf);
        // A job already in Redis is not added again; counted before adding, so a job taken meanwhile may be counted as new.
        const present = await Promise.all(ids.map((id) => client.hexists(`${q.qualifiedName}:${id}`, 'name')));
        added += present.filter((n) => n === 0).length;
        await q.addBulk(jobs.map((data, k) => ({ name: 'call', data, opts: { jobId: ids[k] } })));
      }
      return added;
    },

    async counts(modelIds) {
      return Promise.all(
        modelIds.map(async (modelId): Promise<ModelQueueCounts> => {
          const c = await queueOf(modelId).getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'failed', 'completed');
          return {
            modelId,
            waiting: (c.waiting ?? 0) + (c.prioritized ?? 0),
            active: c.active ?? 0,
            delayed: c.delayed ?? 0,
            failed: c.failed ?? 0,
            completed: c.completed ?? 0,
          };
        }),
      );
    },

    async workers() {
      admin ??= new bullmq.Queue('admin', { prefix: PREFIX, connection, skipMetasUpdate: true }).on('error', () => {});
      const list = await (await admin.client).clientList();
      const served = new Map<string, Set<string>>();
      for (const line of list.split(/\r?\n/)) {
        const name = /(?:^| )name=(\S+)/.exec(line)?.[1];
        const w = name ? workerOfClient(name) : undefined;
        if (w) served.set(w.name, (served.get(w.name) ?? new Set()).add(w.model));
      }
      return [...served].map(([name, models]) => ({ name, models: [...models].sort() })).sort((a, b) => a.name.localeCompare(b.name));
    },

    async close() {
      await Promise.all([...queues.values(), ...(admin ? [admin] : [])].map((q) => q.close()));
      queues.clear();
      admin = undefined;
    },
  };
}
