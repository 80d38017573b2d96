import { Command } from 'commander';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { safeTerminal } from '../../report/format.js';
import { reportRun, SNAPSHOT_DIR } from '../../audit/report-run.js';
import { findRun, pullRun } from '../../cluster/pull-run.js';
import { acquireLock } from '../../store/lock.js';
import { openSharedStore } from '../../store/shared.js';
import { STORE_FILE } from '../../store/sqlite.js';
import { terminalTable } from '../../report/summary.js';

export function reportCommand(): Command {
  return new Command('report')
    .description("recompute every metric and output from a run's store; calls no model")
    .argument('<dir>', "the audit's output folder")
    .option('--store <url>', 'a run in a postgres:// shared store: copied into DIR first, then reported as a local run is')
    .option('--run <id>', 'with --store: the run (an id or its first characters, as `masld status` shows); default: the only one')
    .action(async (dirArg: string, opts: { store?: string; run?: string }) => {
      if (opts.store) await pull(opts.store, opts.run, resolve(dirArg));
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

/** The shared run, copied into the folder under its lock, so the local report reads what the workers stored. */
async function pull(url: string, run: string | undefined, dir: string): Promise<void> {
  const store = await openSharedStore(url);
  try {
    const runId = await findRun(store, run);
    mkdirSync(dir, { recursive: true });
    const release = acquireLock(dir);
    try {
      await pullRun(store, runId, join(dir, STORE_FILE));
    } finally {
      release();
    }
  } finally {
    await store.close();
  }
}
