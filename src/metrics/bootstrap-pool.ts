import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import Tinypool from 'tinypool';
import { inputError } from '../errors.js';
import { runBootstrapJob, type BootstrapJob, type Replicated } from './bootstrap.js';
import type { WorkerTask } from './bootstrap-worker.js';

const WORKER = new URL('./bootstrap-worker.js', import.meta.url);

/**
 * Where a bootstrap's statistics come from: `build(spec)` on this thread, and
 * on a worker thread the same function, exported as `bootstrapStatistics` by
 * `module` (a file URL), since a function cannot cross threads.
 */
export interface StatisticsSource<S, T> {
  module: string;
  build: (spec: S) => T;
}

/**
 * How many threads bootstrap models at once: MASLD_BOOTSTRAP_THREADS, else
 * one per core. 1 keeps everything on the main thread.
 */
export function bootstrapThreads(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.MASLD_BOOTSTRAP_THREADS;
  if (raw === undefined || raw === '') return availableParallelism();
  const asked = Number(raw);
  if (!Number.isInteger(asked) || asked < 1) throw inputError('E_ENV', `MASLD_BOOTSTRAP_THREADS must be a whole number of threads, 1 or more; it is "${raw}"`);
  return asked;
}

/**
 * Runs each job, on a pool of worker threads when there is more than one job
 * and more than one thread. The replicates are the same whichever thread
 * computes them: each job carries its own seed.
 */
export async function runBootstrapJobs<S, T>(
  jobs: readonly BootstrapJob<S>[],
  source: StatisticsSource<S, T>,
  threads = bootstrapThreads(),
): Promise<Replicated<T>[]> {
  // Run from TypeScript sources (tests, tsx) there is no compiled worker: stay on this thread.
  if (threads <= 1 || jobs.length <= 1 || !existsSync(fileURLToPath(WORKER))) return jobs.map((job) => runBootstrapJob(job, source.build));
  const pool = new Tinypool({ filename: WORKER.href, minThreads: 1, maxThreads: Math.min(threads, jobs.length) });
  try {
    return await Promise.all(jobs.map((job) => pool.run({ module: source.module, job } satisfies WorkerTask<S>) as Promise<Replicated<T>>));
  } finally {
    await pool.destroy();
  }
}
