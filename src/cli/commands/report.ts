import { Command } from 'commander';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { writeOutputs } from '../../audit/outputs.js';
import { inputError } from '../../errors.js';
import { terminalTable } from '../../report/summary.js';
import { SqliteStore, STORE_FILE } from '../../store/sqlite.js';
import { acquireLock } from '../../store/lock.js';

export function reportCommand(): Command {
  return new Command('report')
    .description('recompute every metric and output from a run\'s store; calls no model')
    .argument('<dir>', 'the audit\'s output folder')
    .action(async (dirArg: string) => {
      const dir = resolve(dirArg);
      if (!existsSync(join(dir, STORE_FILE))) throw inputError('E_INPUT', `no ${STORE_FILE} here; pass the folder an audit wrote`, { file: dir });
      const release = acquireLock(dir);
      const store = new SqliteStore(join(dir, STORE_FILE));
      try {
        const results = await writeOutputs(store, dir);
        process.stdout.write(`${terminalTable(results)}\n\nWrote ${join(dir, 'results.json')}, results.csv, summary.md and report.html.\n`);
      } finally {
        store.close();
        release();
      }
    });
}
