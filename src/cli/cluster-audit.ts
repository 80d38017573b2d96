import { join } from 'node:path';
import type { AuditSpec } from '../audit/resolve.js';
import { runClusterAudit } from '../cluster/coordinator.js';
import { inputError, MasldError } from '../errors.js';
import type { Gate } from '../report/gates.js';
import { safeTerminal } from '../report/format.js';
import { openSharedStore } from '../store/shared.js';
import { finishAudit } from './audit-finish.js';
import { progressReporter } from './progress.js';

export interface ClusterFlags {
  queue?: string;
  store?: string;
  budget?: number;
  progress?: boolean;
  allowFailures?: boolean;
}

/** Said before the seconds of variant building. */
export function checkClusterFlags(opts: ClusterFlags): void {
  if (!opts.queue || !opts.store) throw inputError('E_USAGE', '--queue and --store go together: the job queue (redis://…) and the shared store (postgres://…)');
  if (opts.budget !== undefined) throw inputError('E_USAGE', '--budget cannot be kept across machines yet; run this audit without --queue');
}

/** `masld audit --queue … --store …`: this process plans and waits; `masld worker` processes make the calls. */
export async function clusterAudit(
  spec: AuditSpec,
  opts: ClusterFlags,
  o: { outDir: string; signal: AbortSignal; gates: Gate[] | null; exitCode: () => number },
) {
  checkClusterFlags(opts);
  const store = await openSharedStore(opts.store!);
  const progress = progressReporter(opts.progress !== false);
  try {
    const outcome = await runClusterAudit(spec, {
      outDir: o.outDir,
      queueUrl: opts.queue!,
      store,
      signal: o.signal,
      onPlan: (p) => {
        process.stderr.write(
          `masld: run ${p.runId.slice(0, 12)}…: ${p.toMake} calls for the workers (${p.enqueued} newly queued), ${p.reused} already stored.\n`,
        );
        progress.start(p.toMake, p.reused);
      },
      onProgress: (e) => progress.update(e),
    });
    progress.stop();
    if (!outcome.results) {
      throw new MasldError(
        'E_INTERRUPTED',
        `stopped waiting; the workers go on with run ${outcome.runId.slice(0, 12)}…. Run the same command again to wait for it and write the outputs`,
        {},
        { signalExit: o.exitCode() },
      );
    }
    finishAudit(outcome.results, {
      outDir: o.outDir,
      gates: o.gates,
      allowFailures: opts.allowFailures,
      wrote:
        `Wrote ${safeTerminal(join(o.outDir, 'results.json'))}, results.csv, summary.md and report.html ` +
        `(${outcome.planned} calls made by the workers, ${outcome.reused} reused).`,
      notice: outcome.missing
        ? `${outcome.missing} calls were given up on by the workers (model down?). Re-run the same command to queue them again.`
        : undefined,
    });
  } finally {
    progress.stop();
    await store.close();
  }
}
