import { Command } from 'commander';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tallyStore, type TalliedRun } from '../../audit/outputs.js';
import { inputError } from '../../errors.js';
import { compareModels, type Comparison } from '../../metrics/compare.js';
import { safeTerminal, table } from '../../report/format.js';
import { SqliteStore, STORE_FILE } from '../../store/sqlite.js';
import { writeFileAtomic } from '../../util/atomic-write.js';

export function compareCommand(): Command {
  return new Command('compare')
    .description('paired differences between the real models of two runs on the same cases, with bootstrap intervals; calls no model')
    .argument('<dirA>', 'first audit folder')
    .argument('<dirB>', 'second audit folder')
    .option('--json <file>', 'also write the comparisons as JSON')
    .action((a: string, b: string, opts: { json?: string }) => {
      const runA = open(a);
      const runB = open(b);
      if (runA.meta.cases.sha256 !== runB.meta.cases.sha256) {
        throw inputError('E_INPUT', `the two runs audited different case sets (sha256 ${runA.meta.cases.sha256.slice(0, 12)}… vs ${runB.meta.cases.sha256.slice(0, 12)}…); models can only be compared on the same cases`, { file: resolve(b) });
      }
      const other = new Set(runB.ctx.probes);
      const shared = { ...runA.ctx, probes: runA.ctx.probes.filter((p) => other.has(p)) };
      const columns = (run: TalliedRun, id: string) => {
        const acc = run.tally.accumulator(id);
        return acc ? acc.columns(shared) : { caseIds: [], rows: [], statistics: {} };
      };
      const rows: Comparison[] = [];
      for (const ma of runA.models.filter((m) => m.provider !== 'control')) {
        for (const mb of runB.models.filter((m) => m.provider !== 'control')) {
          rows.push(...compareModels({ id: `A:${ma.id}`, ...columns(runA, ma.id) }, { id: `B:${mb.id}`, ...columns(runB, mb.id) }, shared));
        }
      }
      if (!rows.length) throw inputError('E_INPUT', 'no real (non-control) model in one of the runs: controls are never ranked');
      process.stdout.write(table(['A', 'B', 'metric', 'A − B', '95% CI', 'paired cases', 'verdict'], rows.map((r) => [safeTerminal(r.a), safeTerminal(r.b), r.metric, r.diff === null ? 'n/a' : r.diff.toFixed(3), r.ci95 ? `[${r.ci95[0].toFixed(3)}, ${r.ci95[1].toFixed(3)}]` : 'n/a', String(r.n), r.verdict])) + '\n');
      if (rows.every((r) => r.verdict === 'cannot tell apart')) process.stdout.write('\nNo interval excludes 0: these cases cannot tell the models apart.\n');
      if (opts.json) writeFileAtomic(opts.json, JSON.stringify(rows, null, 2) + '\n');
    });
}

function open(dir: string): TalliedRun {
  const path = join(resolve(dir), STORE_FILE);
  if (!existsSync(path)) throw inputError('E_INPUT', `no ${STORE_FILE} here; pass the folder an audit wrote`, { file: resolve(dir) });
  const store = new SqliteStore(path);
  try {
    return tallyStore(store, dir);
  } finally {
    store.close();
  }
}
