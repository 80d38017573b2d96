import { Command } from 'commander';
import { safeTerminal } from '../../report/format.js';
import { join } from 'node:path';
import { reportRun, SNAPSHOT_DIR } from '../../audit/report-run.js';
import { terminalTable } from '../../report/summary.js';

export function reportCommand(): Command {
  return new Command('report')
    .description("recompute every metric and output from a run's store; calls no model")
    .argument('<dir>', "the audit's output folder")
    .action(async (dirArg: string) => {
      const { dir, results, snapshotOf } = await reportRun(dirArg);
      process.stdout.write(`${terminalTable(results)}\n\nWrote ${safeTerminal(join(dir, 'results.json'))}, results.csv, summary.md and report.html.\n`);
      if (snapshotOf !== null)
        process.stdout.write(
          `The audit in this folder is still running: these outputs, in ${SNAPSHOT_DIR}/, are a snapshot of ` +
            `the ${snapshotOf} calls answered so far. The run writes its own outputs beside ${SNAPSHOT_DIR}/ when it ` +
            `finishes, and removes it.\n`,
        );
    });
}
