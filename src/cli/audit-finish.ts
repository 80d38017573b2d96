import { unansweredCalls } from '../audit/library.js';
import { MasldError } from '../errors.js';
import type { Gate } from '../report/gates.js';
import type { Results } from '../report/results.js';
import { terminalTable } from '../report/summary.js';
import { applyGates } from './gates.js';

/** What every finished audit ends with, local or spread over machines: the table, then gates and unanswered calls, each an exit code. */
export function finishAudit(r: Results, o: { outDir: string; gates: Gate[] | null; allowFailures?: boolean; wrote: string; notice?: string }): void {
  process.stdout.write(`\n${terminalTable(r)}\n\n${o.wrote}\n`);
  if (o.notice) process.stderr.write(`masld: ${o.notice}\n`);
  if (o.gates) applyGates(r, o.gates, o.outDir);
  const { failed, missing } = unansweredCalls(r);
  if (missing && !o.allowFailures) {
    throw new MasldError(
      'E_FAILED_CALLS',
      `${missing} call(s) have no answer (${failed} failed after all retries). They are not scored. Re-run with ` +
        `--out ${o.outDir} to retry them, or pass --allow-failures to accept the partial audit.`,
    );
  }
}
