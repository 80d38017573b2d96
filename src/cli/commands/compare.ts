import { Command } from 'commander';
import { compareRuns } from '../../audit/compare-runs.js';
import type { TalliedRun } from '../../audit/outputs.js';
import { safeTerminal, table } from '../../report/format.js';
import { writeFileAtomic } from '../../util/atomic-write.js';

export function compareCommand(): Command {
  return new Command('compare')
    .description('paired differences between the real models of two runs on the same cases, with bootstrap intervals; calls no model')
    .argument('<dirA>', 'first audit folder')
    .argument('<dirB>', 'second audit folder')
    .option('--json <file>', 'also write the comparisons as JSON')
    .action((a: string, b: string, opts: { json?: string }) => {
      const { a: runA, b: runB, rows } = compareRuns(a, b);
      process.stdout.write(`${sameSetSentence(runA, runB)}\n\n`);
      const interval = (ci: [number, number] | null) => (ci ? `[${ci[0].toFixed(3)}, ${ci[1].toFixed(3)}]` : 'n/a');
      process.stdout.write(
        `${table(
          ['A', 'B', 'metric', 'A − B', 'adjusted 95% CI', 'unadjusted 95% CI', 'paired cases', 'verdict'],
          rows.map((r) => [
            safeTerminal(r.a),
            safeTerminal(r.b),
            r.metric,
            r.diff === null ? 'n/a' : r.diff.toFixed(3),
            interval(r.ci95Adjusted),
            interval(r.ci95),
            String(r.n),
            r.verdict,
          ]),
        )}\n`,
      );
      if (rows.length)
        process.stdout.write(`\nAdjusted intervals hold jointly: adjusted for ${rows[0].adjustedFor} comparisons (max-|t| bootstrap); verdicts use them.\n`);
      if (rows.length && rows.every((r) => r.verdict === 'cannot tell apart'))
        process.stdout.write('No adjusted interval excludes 0: these cases cannot tell the models apart.\n');
      if (opts.json) writeFileAtomic(opts.json, `${JSON.stringify(rows, null, 2)}\n`);
    });
}

/** Whether the two runs sent identical prompts: the variant-set hash each run records. */
export function sameSetSentence(a: TalliedRun, b: TalliedRun): string {
  const sa = a.meta.variantSet?.sha256;
  const sb = b.meta.variantSet?.sha256;
  if (!sa || !sb) return 'One of the runs was stored before variant-set hashes: whether both sent identical prompts cannot be told.';
  const name = (r: TalliedRun) => (r.meta.variantSet?.file ? `read from ${safeTerminal(r.meta.variantSet.file)}` : 'built at run time');
  if (sa === sb)
    return (
      `Same variant set: both runs sent identical prompts (variant-set sha256 ${sa.slice(0, 16)}…; A ${name(a)}, ` +
      `B ${name(b)}), so they are comparable by construction.`
    );
  return (
    `Different variant sets: A sent ${sa.slice(0, 16)}… (${name(a)}), B sent ${sb.slice(0, 16)}… (${name(b)}). ` +
    `Differences may come from the prompts as well as the models; audit both on one set (\`masld variants --out\`, ` +
    `then \`masld audit --variants\`).`
  );
}
