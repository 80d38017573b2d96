import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import Tinypool from 'tinypool';
import { inputError } from '../errors.js';
import { runBootstrapJob, type BootstrapJob } from './model-metrics.js';

const WORKER = new URL('./bootstrap-worker.js', import.meta.url);

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
 * Runs each model's bootstrap, on a pool of worker threads when there is more
 * than one model and more than one thread. The replicates are the same
 * whichever thread computes them: each job carries its own seed.
 */
export async function runBootstrapJobs(jobs: readonly BootstrapJob[], threads = bootstrapThreads()): Promise<Record<string, Float64Array>[]> {
  // Run from TypeScript sources (tests, tsx) there is no compiled worker: stay on this thread.
  if (threads <= 1 || jobs.length <= 1 || !existsSync(fileURLToPath(WORKER))) return jobs.map(runBootstrapJob);
  const pool = new Tinypool({ filename: WORKER.href, minThreads: 1, maxThreads: Math.min(threads, jobs.length) });
  try {
    return await Promise.all(jobs.map((job) => pool.run(job) as Promise<Record<string, Float64Array>>));
  } finally {
    await pool.destroy();
  }
}
