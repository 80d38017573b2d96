import { Command } from 'commander';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { writeOutputs } from '../../audit/outputs.js';
import { inputError } from '../../errors.js';
import { terminalTable } from '../../report/summary.js';
import { SqliteStore, STORE_FILE } from '../../store/sqlite.js';
import { acquireLock, type Lock } from '../../store/lock.js';
import { inspectStore } from '../../store/inspect.js';

export function reportCommand(): Command {
  return new Command('report')
    .description('recompute every metric and output from a run\'s store; calls no model')
    .argument('<dir>', 'the audit\'s output folder')
    .action(async (dirArg: string) => {
      const dir = resolve(dirArg);
      if (!existsSync(join(dir, STORE_FILE))) throw inputError('E_INPUT', `no ${STORE_FILE} here; pass the folder an audit wrote`, { file: dir });
      // An audit still writing this folder holds its lock: then read a snapshot beside it, writing nothing to the store.
      let release: Lock | null = null;
      try {
        release = acquireLock(dir);
      } catch (err) {
        if ((err as { code?: string }).code !== 'E_LOCKED') throw err;
      }
      let store: SqliteStore;
      try {
        inspectStore(join(dir, STORE_FILE));
        store = new SqliteStore(join(dir, STORE_FILE), { readOnly: !release });
      } catch (err) {
        release?.();
        throw err;
      }
      try {
        const { results, answered } = await store.snapshot(async () => ({ answered: store.answeredCalls(), results: await writeOutputs(store, dir) }));
        process.stdout.write(`${terminalTable(results)}\n\nWrote ${join(dir, 'results.json')}, results.csv, summary.md and report.html.\n`);
        if (!release) process.stdout.write(`The audit in this folder is still running: these outputs are a snapshot of the ${answered} calls answered so far; the run rewrites them when it finishes.\n`);
      } finally {
        store.close();
        release?.();
      }
    });
}
