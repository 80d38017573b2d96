import { runBootstrapJob, type BootstrapJob } from './bootstrap.js';

/** A worker thread's task: one job, and the module whose `bootstrapStatistics(spec)` builds its statistics. */
export interface WorkerTask<S> {
  module: string;
  job: BootstrapJob<S>;
}

/** Runs one bootstrap on a worker thread. */
export default async function bootstrap<S>(task: WorkerTask<S>): Promise<unknown> {
  const { bootstrapStatistics } = (await import(task.module)) as { bootstrapStatistics: (spec: S) => unknown };
  return runBootstrapJob(task.job, bootstrapStatistics);
}
