import { runBootstrapJob, type BootstrapJob } from './model-metrics.js';

/** A worker thread's task: one model's bootstrap. */
export default function bootstrap(job: BootstrapJob): Record<string, Float64Array> {
  return runBootstrapJob(job);
}
