import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { inputError } from '../errors.js';
import { getProviderDefinition, resolveApiKey } from '../models/registry.js';
import { DEFAULT_SYSTEM } from '../prompt/build.js';
import type { ExecuteResult, ProgressEvent } from '../run/execute.js';
import { executeAll } from '../run/execute-all.js';
import { planCalls } from '../run/plan.js';
import { acquireLock } from '../store/lock.js';
import { inspectStore } from '../store/inspect.js';
import { diskFullError, isDiskFull } from '../store/disk-full.js';
import { SqliteStore, STORE_FILE } from '../store/sqlite.js';
import type { RunMeta } from '../store/types.js';
import type { Results } from '../report/results.js';
import { controlKnowledge } from './controls.js';
import { runFingerprint } from './fingerprint.js';
import { bootstrapThreads } from '../metrics/bootstrap-pool.js';
import { currentResults, writeOutputs } from './outputs.js';
import { dropSnapshot } from './report-run.js';
import { writeVariantCache } from './variant-cache.js';
import { retellStage } from './retell-stage.js';
import { sizeHttpPool } from '../models/http-pool.js';
import { loadChartEngines } from '../report/html/index.js';
import { RETELL_CACHE_FILE } from '../variants/retell/cache.js';
import type { AuditSpec } from './resolve.js';
import { planBudget } from './budget.js';
import { modelRuntime } from './runtimes.js';
import { runMetaOf } from './run-meta.js';

export interface AuditRunOptions {
  outDir: string;
  signal: AbortSignal;
  env?: NodeJS.ProcessEnv;
  onProgress?: (e: ProgressEvent) => void;
  /** Called once the plan is known: how many calls are new and how many were already stored. */
  onPlan?: (p: { toMake: number; reused: number; total: number }) => void;
  /** Things the user should know that are not errors (a store checked after a run that died). */
  onNotice?: (message: string) => void;
  /** Retelling by rewriter models (probes that name one), before any audited call. */
  onRetellStart?: (variants: number) => void;
  onRetellProgress?: (e: ProgressEvent) => void;
  /** US$: a plan estimated above it is refused (E_BUDGET); the run stops before a call would cross it. */
  budgetUsd?: number;
}

export interface AuditOutcome {
  results: Results | null;
  execution: ExecuteResult;
  reused: number;
  /** False when nothing changed and the outputs already written were kept. */
  rewritten: boolean;
  /** US$ spent by every call stored in the folder (models with a price). */
  spent: number;
}

/**
 * Reading a run needs none of its providers; resuming it makes calls, so
 * each must be registered (a provider added through the library by whoever
 * began the run).
 */
function requireProviders(meta: RunMeta, outDir: string): void {
  const missing = [...new Set(meta.config.models.map((m) => m.provider))].filter((p) => !getProviderDefinition(p));
  if (missing.length)
    throw inputError(
      'E_PROVIDER_UNREGISTERED',
      `register provider ${missing.map((p) => JSON.stringify(p)).join(', ')} before resuming this run: its models make the calls (registerProvider()). ` +
        'Reading the run back (report, compare, computeMetrics) needs no registration.',
      { file: outDir },
    );
}

/**
 * Runs (or resumes) an audit into `outDir`: every answered call is committed as
 * it finishes, so a killed run loses only the calls in flight.
 */
export async function runAudit(built: AuditSpec, o: AuditRunOptions): Promise<AuditOutcome> {
  let spec = built;
  const env = o.env ?? process.env;
  // Keys and settings from the environment are checked before anything is written.
  for (const [i, m] of spec.models.entries()) resolveApiKey(m, env, i);
  const threads = bootstrapThreads(env);
  // No call of this run has more calls in flight beside it than the global concurrency.
  sizeHttpPool(spec.config.concurrency);
  mkdirSync(o.outDir, { recursive: true });
  const release = acquireLock(o.outDir);
  const storePath = join(o.outDir, STORE_FILE);
  const fresh = !existsSync(storePath);
  let store: SqliteStore;
  try {
    // A store this version cannot read is refused before anything opens it for writing; where the last run died, it is checked in full.
    const { integrity } = inspectStore(storePath, { integrity: release.previous !== null });
    if (integrity)
      o.onNotice?.(
        `the previous run in this folder (pid ${release.previous!.pid}, started ${release.previous!.startedAt}) ` +
          `stopped without closing; integrity check of ${STORE_FILE}: ${integrity}.`,
      );
    store = new SqliteStore(storePath);
  } catch (err) {
    release();
    throw err;
  }
  let planned = spec.models.length * spec.variantSet.variants.length;
  try {
    // Under the lock: probes that name a rewriter are retold (cached beside the store) before anything is sent.
    spec = await retellStage(built, {
      cacheFile: join(o.outDir, RETELL_CACHE_FILE),
      env,
      signal: o.signal,
      onStart: o.onRetellStart,
      onProgress: o.onRetellProgress,
    });
    const { config, models, caseSet, variantSet } = spec;
    const fingerprint = runFingerprint(config, models, variantSet.variants);
    const existing = store.readMeta();
    if (existing) requireProviders(existing, o.outDir);
    if (existing && existing.fingerprint !== fingerprint) {
      throw inputError(
        'E_STORE_MISMATCH',
        'this folder holds an audit with a different design (config, cases, models or tool version). Resume it with ' +
          'the same command it was started with, or choose a new --out.',
        { file: o.outDir },
      );
    }
    // Planned (and priced against the budget) before anything is written: a refused plan leaves no run behind.
    const calls = planCalls(models, variantSet.variants, store.completedKeys());
    const total = models.length * variantSet.variants.length;
    planned = total;
    const systemText = config.prompt.system ?? DEFAULT_SYSTEM;
    const gate = planBudget({ models, store, calls, systemText, style: config.prompt.style, limit: o.budgetUsd });
    if (!existing) {
      store.initialise(runMetaOf(spec, fingerprint), caseSet.cases, variantSet.variants);
    }
    // Under the lock: the next resume of this folder skips building and checking the variants again.
    // The rule-based variants as built: a resume retells them again from the retelling cache.
    if (!built.variantsCached) writeVariantCache(o.outDir, built.variantKey, { variantSet: built.variantSet, screen: built.screen, check: built.check });
    o.onPlan?.({ toMake: calls.length, reused: total - calls.length, total });
    const knowledge = controlKnowledge(caseSet.cases, variantSet.variants);
    const runtimes = models.map((m, i) => modelRuntime(m, i, config, env, knowledge));
    // Load local models (and check their files) before any call, and record what they are.
    const info: Record<string, Record<string, unknown>> = {};
    for (const r of runtimes) if (r.provider.describe) info[r.id] = await r.provider.describe();
    store.saveModelInfo(info);
    // The report's chart engines load while the calls wait on the network (a failed load surfaces at the first chart).
    if (calls.length) void loadChartEngines().catch(() => undefined);
    const execution = await executeAll({
      calls,
      models: runtimes,
      store,
      prompt: { system: systemText, style: config.prompt.style },
      concurrency: config.concurrency,
      retryDelayMs: config.retryDelayMs,
      signal: o.signal,
      onProgress: o.onProgress,
      onNotice: o.onNotice,
      gate,
    });
    await Promise.all(runtimes.map((r) => r.provider.close?.()));
    // A run stopped by its budget is partial: its calls are kept for the resume, and no result is written.
    const partial = execution.interrupted || execution.unaffordable > 0;
    const kept = !partial && execution.made === 0 ? currentResults(store, o.outDir) : null;
    const results = partial ? null : (kept ?? (await writeOutputs(store, o.outDir, new Date(), threads)));
    if (results) dropSnapshot(o.outDir);
    return { results, execution, reused: total - calls.length, rewritten: !kept, spent: gate.spent };
  } catch (err) {
    let answered = 0;
    // SQLite rolled back the batch it could not write; every committed call is still there.
    if (isDiskFull(err))
      try {
        answered = store.completedKeys().size;
      } catch {
        /* unreadable now: counted as none */
      }
    const stop = isDiskFull(err) ? diskFullError(o.outDir, storePath, { planned, answered }) : err;
    if (fresh && !store.readMeta()) {
      // Nothing was recorded: leave no empty store behind to be mistaken for a run.
      store.close();
      release();
      for (const f of [STORE_FILE, `${STORE_FILE}-wal`, `${STORE_FILE}-shm`]) rmSync(join(o.outDir, f), { force: true });
    }
    throw stop;
  } finally {
    try {
      store.close();
    } catch {
      /* closed above */
    }
    release();
  }
}
