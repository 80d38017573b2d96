import { resolve } from 'node:path';
import { MasldError } from '../errors.js';
import type { Results } from '../report/results.js';
import type { ProgressEvent } from '../run/call-with-retries.js';
import { inspectStore } from '../store/inspect.js';
import { runFolderOf, SqliteStore } from '../store/sqlite.js';
import { runAudit, type AuditOutcome } from './audit.js';
import { buildRunResults, tallyStore } from './outputs.js';
import { reportRun, runStorePath, type ReportedRun } from './report-run.js';
import { resolveAudit } from './resolve.js';

/** What {@link audit} is asked to do: the same choices as `masld audit`. */
export interface AuditOptions {
  /** The output folder. Auditing into a folder that already holds a run resumes it. */
  out: string;
  /** A YAML config file; without one, the built-in bank, every probe and the control panel. */
  config?: string;
  /** Model specs instead of the config's, e.g. `openai:gpt-4o` or `control:labile`. */
  models?: string[];
  /** A case file or folder instead of the config's. */
  cases?: string;
  /** Only the first N cases. */
  limit?: number;
  /** Calls in flight at once. */
  concurrency?: number;
  /** A variant set written by `masld variants --out`: its prompts are sent and nothing is rebuilt. */
  variants?: string;
  /** Where API keys are read from (default `process.env`). */
  env?: NodeJS.ProcessEnv;
  /** Aborting stops new calls; what was answered is kept and a later call resumes. */
  signal?: AbortSignal;
  /** Each finished call. */
  onProgress?: (event: ProgressEvent) => void;
  /** US$: a plan estimated above it is refused (`E_BUDGET`); the audit stops before a call would cross it (`E_BUDGET_REACHED`). */
  budgetUsd?: number;
}

/** What an audit did. */
export interface AuditResult {
  /** The output folder, resolved. */
  out: string;
  /** Every metric of every model, as written to results.json. */
  results: Results;
  /**
   * Calls made by this run and calls already stored by an earlier one; `missing` calls have no answer (`failed`
   * of them after every retry) and are not scored: the audit is partial until another `audit()` with the same `out` retries them.
   */
  calls: { made: number; reused: number; failed: number; missing: number };
}

/**
 * Runs (or resumes) a stress audit and writes results.json, results.csv,
 * summary.md and report.html into `options.out`. Every answered call is
 * committed as it returns, so an interrupted audit loses nothing.
 *
 * @throws {MasldError} `E_INTERRUPTED` when `signal` aborts it; `E_BUDGET_REACHED` when it stopped at its budget; `E_CONFIG`, `E_INPUT`, `E_ENV` … for
 *   bad input.
 * @example
 * ```ts
 * import { audit } from 'ai-masld';
 *
 * const { results } = await audit({ out: 'masld-out/controls', models: ['control:labile'], limit: 20 });
 * for (const m of results.models) console.log(m.id, m.phenotype.label, m.metrics.pfr.value);
 * ```
 */
export async function audit(options: AuditOptions): Promise<AuditResult> {
  const out = resolve(options.out);
  const env = options.env ?? process.env;
  const spec = resolveAudit({
    config: options.config,
    models: options.models,
    cases: options.cases,
    limit: options.limit,
    concurrency: options.concurrency,
    variantSetFile: options.variants,
    variantCacheDir: runFolderOf(out),
    keysFrom: env,
  });
  const outcome = await runAudit(spec, {
    outDir: out,
    env,
    signal: options.signal ?? new AbortController().signal,
    onProgress: options.onProgress,
    budgetUsd: options.budgetUsd,
  });
  if (outcome.execution.unaffordable) throw budgetReached(outcome, options.budgetUsd!, out);
  if (outcome.execution.interrupted || !outcome.results) {
    throw new MasldError(
      'E_INTERRUPTED',
      `interrupted; ${outcome.execution.made} new calls were stored in ${out}. Call audit() again with the same out to resume.`,
    );
  }
  return { out, results: outcome.results, calls: { made: outcome.execution.made, reused: outcome.reused, ...unansweredCalls(outcome.results) } };
}

/** Calls of every model with no answer (`missing`), and those of them that failed after every retry. */
export function unansweredCalls(results: Results): { failed: number; missing: number } {
  const sum = (k: 'failed' | 'missing') => results.models.reduce((n, m) => n + m.calls[k], 0);
  return { failed: sum('failed'), missing: sum('missing') };
}

/**
 * Recomputes every metric of an audit folder from its store, writing nothing
 * and calling no model: a pure function of the stored results.
 *
 * @example
 * ```ts
 * import { computeMetrics } from 'ai-masld';
 *
 * const results = await computeMetrics('masld-out/controls');
 * console.log(results.models.map((m) => `${m.id}: MI ${m.metrics.mi.value}`).join('\n'));
 * ```
 */
export async function computeMetrics(dir: string): Promise<Results> {
  const path = runStorePath(dir);
  inspectStore(path);
  const store = new SqliteStore(path, { readOnly: true });
  try {
    return await store.snapshot(() => buildRunResults(tallyStore(store, path), new Date()));
  } finally {
    store.close();
  }
}

/**
 * Recomputes an audit folder's outputs from its store (results.json,
 * results.csv, summary.md and the self-contained report.html), as
 * `masld report` does. Beside an audit still running in the folder, it
 * writes a snapshot of the calls answered so far to the folder's snapshot/
 * (the run's own outputs are never replaced by one); `dir` says where.
 *
 * @example
 * ```ts
 * import { renderReport } from 'ai-masld';
 *
 * const { dir, snapshotOf } = await renderReport('masld-out/controls');
 * console.log(`${dir}/report.html`, snapshotOf === null ? 'complete' : `snapshot of ${snapshotOf} calls`);
 * ```
 */
export function renderReport(dir: string): Promise<ReportedRun> {
  return reportRun(dir);
}

/** The run stopped before a call would cross its budget: what was answered is kept, and a larger budget resumes it. */
export function budgetReached(outcome: AuditOutcome, budget: number, out: string): MasldError {
  return new MasldError(
    'E_BUDGET_REACHED',
    `stopped at the budget: $${outcome.spent.toFixed(4)} spent of ` +
      `$${budget.toFixed(2)}; ${outcome.execution.made} new calls were stored in ${out} ` +
      `and ${outcome.execution.unaffordable} were not made. Resume with the same command, --out ${out} and a larger --budget.`,
  );
}
