import { Command, Option } from 'commander';
import { join, resolve } from 'node:path';
import { runAudit } from '../../audit/audit.js';
import { budgetReached } from '../../audit/library.js';
import { resolveAudit } from '../../audit/resolve.js';
import { modelSpecForms } from '../../config/model-spec.js';
import { runFolderOf } from '../../store/sqlite.js';
import { MasldError } from '../../errors.js';
import { planDryRun } from '../../audit/dry-run.js';
import { printDryRun } from '../dry-run-print.js';
import { safeTerminal } from '../../report/format.js';
import { progressReporter } from '../progress.js';
import { intArg, usdArg } from '../args.js';
import { finishAudit } from '../audit-finish.js';
import { checkClusterFlags, clusterAudit } from '../cluster-audit.js';
import { configFileOf } from '../default-config.js';
import { gateHelp, parseGates } from '../../report/gates.js';
import { reviewLine } from '../../report/variant-set.js';

export function auditCommand(): Command {
  return new Command('audit')
    .description('run (or resume) a stress audit and write results.json, results.csv and summary.md')
    .option('-c, --config <file>', 'YAML config (default: ./masld.yaml if there is one, else the built-in bank, all probes, the control panel)')
    .option('-o, --out <dir>', 'output folder; running again with the same folder resumes (default: ./masld-out/<timestamp>)')
    .option('-m, --model <spec...>', `models instead of the config's: ${modelSpecForms()}`)
    .option('--cases <path>', "case file or folder instead of the config's")
    .option('--limit <n>', 'use the first N cases', intArg('--limit', 1))
    .option('--concurrency <n>', 'calls in flight at once', intArg('--concurrency', 1))
    .option(
      '--variants <file>',
      'send exactly the prompts of this variant set (`masld variants --out`) instead of building them; refused if it does not match the cases',
    )
    .option('--skip-invalid', 'skip bad case records (counted and reported) instead of failing')
    .option('--allow-defective', 'send variants the checker found defective (marked in every output) instead of leaving them out')
    .option('--dry-run', 'print the plan (calls, tokens, cost) and call nothing')
    .option(
      '--budget <usd>',
      'refuse a plan estimated above this many US$ (exit 2); stop before the spend would cross it (exit 3, resumable)',
      usdArg('--budget'),
    )
    .option('--queue <url>', 'spread the calls over machines: the redis:// job queue `masld worker` processes serve (with --store)')
    .option('--store <url>', 'with --queue: the postgres:// shared store the workers write every call to')
    .option('--fail-on <gates>', gateHelp())
    .option('--allow-failures', 'exit 0 even when some calls failed after all retries')
    .option('--no-progress', 'no progress output')
    .addOption(new Option('--debug', 'print stack traces').hideHelp())
    .action(async (opts) => {
      // Handlers first: a Ctrl-C during loading must also stop cleanly.
      // A container stop (SIGTERM) and a closed terminal (SIGHUP) stop the run as Ctrl-C does; the exit code says which.
      const controller = new AbortController();
      let interrupts = 0;
      let exit = 130;
      const handlers = STOP_SIGNALS.map(
        ([signal, code]) =>
          [
            signal,
            () => {
              if (++interrupts > 1) process.exit(code);
              exit = code;
              process.stderr.write(
                `\nmasld: stopping (${signal}): no new calls; calls in flight are abandoned and made again on resume. Press Ctrl-C again to quit at once.\n`,
              );
              controller.abort();
            },
          ] as const,
      );
      for (const [signal, h] of handlers) process.on(signal, h);
      try {
        await auditAction(opts, controller.signal, () => exit);
      } finally {
        for (const [signal, h] of handlers) process.off(signal, h);
      }
    });
}

const STOP_SIGNALS: [NodeJS.Signals, number][] = [
  ['SIGINT', 130],
  ['SIGTERM', 143],
  ['SIGHUP', 129],
];

interface AuditFlags {
  config?: string;
  out?: string;
  model?: string[];
  cases?: string;
  limit?: number;
  concurrency?: number;
  skipInvalid?: boolean;
  allowDefective?: boolean;
  dryRun?: boolean;
  allowFailures?: boolean;
  progress?: boolean;
  failOn?: string;
  variants?: string;
  budget?: number;
  queue?: string;
  store?: string;
}

async function auditAction(opts: AuditFlags, signal: AbortSignal, exitCode: () => number = () => 130): Promise<void> {
  const outDir = resolve(opts.out ?? join('masld-out', new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19)));
  // Resuming a folder: the variants it was built with are reused when code, cases and settings are unchanged.
  const variantCacheDir = opts.out ? runFolderOf(outDir) : undefined;
  // Flags are checked before the seconds of variant building, so a typo is said at once.
  const gates = opts.failOn ? parseGates(opts.failOn) : null;
  if (opts.queue || opts.store) checkClusterFlags(opts);
  const spec = resolveAudit({
    config: configFileOf(opts.config),
    models: opts.model,
    cases: opts.cases,
    limit: opts.limit,
    concurrency: opts.concurrency,
    skipInvalid: opts.skipInvalid,
    allowDefective: opts.allowDefective,
    variantCacheDir,
    // The machines that call the models hold the keys, not the one that queues the calls.
    keysFrom: opts.dryRun || opts.queue ? undefined : process.env,
    variantSetFile: opts.variants,
  });
  if (spec.caseSet.skipped.length) {
    process.stderr.write(
      `masld: skipped ${spec.caseSet.skipped.length} invalid record(s):\n${spec.caseSet.skipped
        .slice(0, 10)
        .map((s) => `  ${safeTerminal(`${s.file}:${s.line}: ${s.reason}`)}`)
        .join('\n')}\n`,
    );
  }
  const warned = spec.caseSet.warnings ?? [];
  if (warned.length) {
    process.stderr.write(
      `masld: ${warned.length} case(s) kept with words in mixed or foreign scripts after look-alike normalisation:\n${warned
        .slice(0, 10)
        .map((w) => `  ${safeTerminal(`${w.file}:${w.line}: ${w.reason}`)}`)
        .join('\n')}\n`,
    );
  }
  const src = spec.variantSource;
  if (src.file) {
    const review = src.review ? `; reviewed by ${src.review.reviewer}, ${reviewLine(src.review)}` : '; not reviewed';
    process.stderr.write(
      `masld: variant set ${safeTerminal(src.file)}: ${spec.variantSet.variants.length} variants, ` +
        `sha256 ${src.sha256.slice(0, 16)}…${safeTerminal(review)}; nothing is regenerated.\n`,
    );
  }
  const check = spec.screen;
  const defective = Object.values(check.byCondition).reduce((a, c) => a + c.defective, 0);
  const checked = spec.variantSource.file ? ' (as recorded in the set)' : spec.variantsCached ? ' (as built for this folder)' : '';
  const handled = check.allowDefective ? ' (sent anyway and marked: --allow-defective)' : ' (left out and counted; `masld probes check` lists them)';
  const ineligible = spec.variantSet.probeExclusions.filter((e) => e.reason === 'ineligible').length;
  process.stderr.write(
    `masld: variant check${checked}: ${check.checked} variants checked, ${defective} defective${defective ? handled : ''}; ` +
      `${ineligible} probe variants ineligible.\n`,
  );
  if (opts.dryRun) return printDryRun(planDryRun(spec));
  if (opts.queue || opts.store) return clusterAudit(spec, opts, { outDir, signal, gates, exitCode });
  const progress = progressReporter(opts.progress !== false);
  const retelling = progressReporter(opts.progress !== false, 'retellings');
  try {
    const outcome = await runAudit(spec, {
      outDir,
      signal,
      onRetellStart: (n) => retelling.start(n, 0),
      onRetellProgress: (e) => retelling.update(e),
      onPlan: (p) => {
        retelling.stop();
        progress.start(p.toMake, p.reused);
      },
      onNotice: (m) => process.stderr.write(`masld: ${m}\n`),
      onProgress: (e) => progress.update(e),
      budgetUsd: opts.budget,
    });
    progress.stop();
    if (outcome.execution.unaffordable) throw budgetReached(outcome, opts.budget!, outDir);
    if (outcome.execution.interrupted) {
      throw new MasldError(
        'E_INTERRUPTED',
        `interrupted; ${outcome.execution.made} new calls were stored in ${outDir}. Resume with the same command and --out ${outDir}`,
        {},
        { signalExit: exitCode() },
      );
    }
    const circuits = outcome.execution.openCircuits;
    finishAudit(outcome.results!, {
      outDir,
      gates,
      allowFailures: opts.allowFailures,
      wrote: outcome.rewritten
        ? `Wrote ${safeTerminal(join(outDir, 'results.json'))}, results.csv, summary.md and report.html ` +
          `(${outcome.execution.made} calls made, ${outcome.reused} reused).`
        : `Nothing left to do: all ${outcome.reused} calls were already stored and the outputs in ${safeTerminal(outDir)} are up to date.`,
      notice: circuits.length
        ? `stopped calling ${circuits.join(', ')} after repeated failures (provider down?); ${outcome.execution.skipped} calls were not made. ` +
          'Re-run the same command to resume them.'
        : undefined,
    });
  } finally {
    retelling.stop();
    progress.stop();
  }
}
