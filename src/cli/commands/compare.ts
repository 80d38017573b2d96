import { Command } from 'commander';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tallyStore, type TalliedRun } from '../../audit/outputs.js';
import { inputError } from '../../errors.js';
import { comparePairs, type Comparison } from '../../metrics/compare.js';
import type { ModelColumns } from '../../metrics/model-metrics.js';
import { safeTerminal, table } from '../../report/format.js';
import { inspectStore } from '../../store/inspect.js';
import { SqliteStore, STORE_FILE } from '../../store/sqlite.js';
import { writeFileAtomic } from '../../util/atomic-write.js';

type Named = ModelColumns & { id: string };

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
      process.stdout.write(`${sameSetSentence(runA, runB)}\n\n`);
      const other = new Set(runB.ctx.probes);
      const shared = { ...runA.ctx, probes: runA.ctx.probes.filter((p) => other.has(p)) };
      const columns = (run: TalliedRun, id: string) => {
        const acc = run.tally.accumulator(id);
        return acc ? acc.columns(shared) : { caseIds: [], rows: [], statistics: {} };
      };
      // Every A × B pair is one family, so the adjusted intervals hold jointly over all of them.
      const pairs: [Named, Named][] = [];
      for (const ma of runA.models.filter((m) => m.provider !== 'control')) {
        for (const mb of runB.models.filter((m) => m.provider !== 'control')) {
          pairs.push([{ id: `A:${ma.id}`, ...columns(runA, ma.id) }, { id: `B:${mb.id}`, ...columns(runB, mb.id) }]);
        }
      }
      if (!pairs.length) throw inputError('E_INPUT', 'no real (non-control) model in one of the runs: controls are never ranked');
      const rows: Comparison[] = comparePairs(pairs, shared);
      const interval = (ci: [number, number] | null) => (ci ? `[${ci[0].toFixed(3)}, ${ci[1].toFixed(3)}]` : 'n/a');
      process.stdout.write(table(['A', 'B', 'metric', 'A − B', 'adjusted 95% CI', 'unadjusted 95% CI', 'paired cases', 'verdict'], rows.map((r) => [safeTerminal(r.a), safeTerminal(r.b), r.metric, r.diff === null ? 'n/a' : r.diff.toFixed(3), interval(r.ci95Adjusted), interval(r.ci95), String(r.n), r.verdict])) + '\n');
      process.stdout.write(`\nAdjusted intervals hold jointly: adjusted for ${rows[0].adjustedFor} comparisons (max-|t| bootstrap); verdicts use them.\n`);
      if (rows.every((r) => r.verdict === 'cannot tell apart')) process.stdout.write('No adjusted interval excludes 0: these cases cannot tell the models apart.\n');
      if (opts.json) writeFileAtomic(opts.json, JSON.stringify(rows, null, 2) + '\n');
    });
}

/** Whether the two runs sent identical prompts: the variant-set hash each run records. */
export function sameSetSentence(a: TalliedRun, b: TalliedRun): string {
  const sa = a.meta.variantSet?.sha256;
  const sb = b.meta.variantSet?.sha256;
  if (!sa || !sb) return 'One of the runs was stored before variant-set hashes: whether both sent identical prompts cannot be told.';
  const name = (r: TalliedRun) => (r.meta.variantSet?.file ? `read from ${safeTerminal(r.meta.variantSet.file)}` : 'built at run time');
  if (sa === sb) return `Same variant set: both runs sent identical prompts (variant-set sha256 ${sa.slice(0, 16)}…; A ${name(a)}, B ${name(b)}), so they are comparable by construction.`;
  return `Different variant sets: A sent ${sa.slice(0, 16)}… (${name(a)}), B sent ${sb.slice(0, 16)}… (${name(b)}). Differences may come from the prompts as well as the models; audit both on one set (\`masld variants --out\`, then \`masld audit --variants\`).`;
}

function open(dir: string): TalliedRun {
  const path = join(resolve(dir), STORE_FILE);
  if (!existsSync(path)) throw inputError('E_INPUT', `no ${STORE_FILE} here; pass the folder an audit wrote`, { file: resolve(dir) });
  // Read-only: a run may still be writing either folder; a damaged store is refused untouched.
  inspectStore(path);
  const store = new SqliteStore(path, { readOnly: true });
  try {
    return tallyStore(store, dir);
  } finally {
    store.close();
  }
}
