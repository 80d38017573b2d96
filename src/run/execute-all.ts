import { runBatches } from './batch-runner.js';
import { execute, type ExecuteOptions, type ExecuteResult } from './execute.js';

/**
 * Every planned call: those of `mode: batch` models through their batch API,
 * the rest live, side by side; batch items that failed or expired are then
 * made live where the model says so (`batch.onFailed: live`).
 */
export async function executeAll(o: ExecuteOptions): Promise<ExecuteResult> {
  const batched = new Set(o.models.filter((m) => m.provider.batch).map((m) => m.id));
  if (!batched.size) return execute(o);
  const [live, batch] = await Promise.all([
    execute({ ...o, calls: o.calls.filter((c) => !batched.has(c.modelId)) }),
    runBatches({ ...o, calls: o.calls.filter((c) => batched.has(c.modelId)) }),
  ]);
  const retried = batch.retryLive.length && !o.signal.aborted ? await execute({ ...o, calls: batch.retryLive }) : null;
  return {
    made: live.made + batch.made + (retried?.made ?? 0),
    failed: live.failed + batch.failed + (retried?.failed ?? 0),
    skipped: live.skipped + (retried?.skipped ?? 0),
    openCircuits: [...live.openCircuits, ...(retried?.openCircuits ?? [])],
    interrupted: o.signal.aborted,
    unaffordable: live.unaffordable + batch.unaffordable + (retried?.unaffordable ?? 0),
  };
}
