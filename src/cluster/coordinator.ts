import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { runFingerprint } from '../audit/fingerprint.js';
import { writeOutputs } from '../audit/outputs.js';
import type { AuditSpec } from '../audit/resolve.js';
import { retellingPlans } from '../audit/retell-stage.js';
import { runMetaOf } from '../audit/run-meta.js';
import { inputError } from '../errors.js';
import { DEFAULT_SYSTEM } from '../prompt/build.js';
import { bootstrapThreads } from '../metrics/bootstrap-pool.js';
import type { Results } from '../report/results.js';
import { openCallQueue } from '../queue/call-queue.js';
import type { ProgressEvent } from '../run/execute.js';
import { planCalls } from '../run/plan.js';
import { acquireLock } from '../store/lock.js';
import { clusterRpm } from './limits.js';
import { pullRun } from './pull-run.js';
import type { SharedStore } from '../store/shared.js';
import { SqliteStore, STORE_FILE } from '../store/sqlite.js';

export interface ClusterAuditOptions {
  outDir: string;
  queueUrl: string;
  store: SharedStore;
  signal: AbortSignal;
  env?: NodeJS.ProcessEnv;
  /** How often the cluster's progress is read, in ms. */
  pollMs?: number;
  onPlan?: (p: { toMake: number; reused: number; total: number; runId: string; enqueued: number }) => void;
  onProgress?: (e: ProgressEvent) => void;
}

export interface ClusterAuditOutcome {
  runId: string;
  /** Null when interrupted: the calls go on on the workers, and the same command resumes waiting for them. */
  results: Results | null;
  planned: number;
  reused: number;
  /** Calls the queue gave up on (a worker failed them again and again) and no stored answer covers. */
  missing: number;
}

/**
 * An audit spread over machines: the run is written once to the shared store, one job per call not yet answered
 * is queued, and the workers answer them. When the queue has none left, the run is copied into the out folder's
 * SQLite store and the outputs are written by the same code as a local audit's.
 */
export async function runClusterAudit(spec: AuditSpec, o: ClusterAuditOptions): Promise<ClusterAuditOutcome> {
  refuseUnsupported(spec);
  const { config, models, caseSet, variantSet } = spec;
  const runId = runFingerprint(config, models, variantSet.variants);
  mkdirSync(o.outDir, { recursive: true });
  const release = acquireLock(o.outDir);
  const queue = await openCallQueue(o.queueUrl).catch((err) => {
    release();
    throw err;
  });
  try {
    if (!(await o.store.readRun(runId))) await o.store.initialiseRun(runId, runMetaOf(spec, runId), caseSet.cases, variantSet.variants);
    const calls = planCalls(models, variantSet.variants, await o.store.completedKeys(runId));
    const total = models.length * variantSet.variants.length;
    let enqueued = 0;
    const prompt = { system: config.prompt.system ?? DEFAULT_SYSTEM, systemText: config.prompt.system ?? DEFAULT_SYSTEM, style: config.prompt.style };
    for (const m of models) {
      const mine = calls.filter((c) => c.modelId === m.id).map((c) => c.variant);
      if (!mine.length) continue;
      const limits = { concurrency: m.concurrency ?? config.concurrency, rpm: clusterRpm(m, mine, prompt) };
      enqueued += await queue.enqueue(
        runId,
        m.id,
        mine.map((v) => v.id),
        limits,
      );
    }
    o.onPlan?.({ toMake: calls.length, reused: total - calls.length, total, runId, enqueued });
    const ids = models.map((m) => m.id);
    const pollMs = o.pollMs ?? 500;
    // Done when the queue holds none of these models' jobs: every call was answered, failed for good, or given up on.
    for (let idle = 0; idle < 2; ) {
      if (o.signal.aborted) return { runId, results: null, planned: calls.length, reused: total - calls.length, missing: 0 };
      const counts = await queue.counts(ids);
      const left = counts.reduce((a, c) => a + c.waiting + c.active + c.delayed, 0);
      const stored = await o.store.counts(runId);
      const failed = stored.reduce((a, c) => a + c.failed, 0);
      o.onProgress?.({ done: Math.max(0, calls.length - left), total: calls.length, failed, modelId: '' });
      idle = left === 0 ? idle + 1 : 0;
      if (idle < 2) await sleep(pollMs, undefined, { signal: o.signal }).catch(() => undefined);
    }
    const stored = (await o.store.counts(runId)).reduce((a, c) => a + c.ok + c.failed, 0);
    const results = await exportAndReport(o.store, runId, o.outDir);
    return { runId, results, planned: calls.length, reused: total - calls.length, missing: total - stored };
  } finally {
    await queue.close();
    release();
  }
}

/** The run copied into the out folder as a single-file store, and the outputs written from it. */
async function exportAndReport(store: SharedStore, runId: string, outDir: string): Promise<Results> {
  const path = join(outDir, STORE_FILE);
  await pullRun(store, runId, path);
  const local = new SqliteStore(path);
  try {
    return await writeOutputs(local, outDir, new Date(), bootstrapThreads());
  } finally {
    local.close();
  }
}

function refuseUnsupported(spec: AuditSpec): void {
  const refuse = (what: string) => {
    throw inputError('E_USAGE', `${what} cannot be spread over machines yet; run this audit without --queue`);
  };
  if (retellingPlans(spec).length) refuse('probes retold by a rewriter model');
  // `mode` is a provider's own key (openai, anthropic), kept on the parsed model.
  const batch = spec.models.find((m) => (m as { mode?: string }).mode === 'batch');
  if (batch) refuse(`model "${batch.id}" in batch mode`);
}
