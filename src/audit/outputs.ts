import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Case } from '../cases/types.js';
import type { ModelConfig } from '../config/schema.js';
import { inputError } from '../errors.js';
import type { MetricsContext } from '../metrics/model-metrics.js';
import { bootstrapThreads } from '../metrics/bootstrap-pool.js';
import { RunTally } from '../metrics/run-tally.js';
import { ResultsCsv } from '../report/csv.js';
import { shownInExplorer } from '../report/html/explorer.js';
import { loadChartEngines, writeReportHtml, type ReportSource } from '../report/html/index.js';
import { buildResults, metricsContext, type Results, type RunDesign } from '../report/results.js';
import { summaryMarkdown } from '../report/summary.js';
import { scoreCall, type ScoredCall } from '../scoring/score.js';
import type { CallRecord, ParseRecord, RunMeta, Store } from '../store/types.js';
import { AtomicFileWriter, writeFileAtomic } from '../util/atomic-write.js';
import { conditionGroup, type VariantKey } from '../variants/types.js';
import { TOOL } from '../version.js';
import { formsLadders, isControlModel } from '../models/registry.js';

export interface TalliedRun {
  meta: RunMeta;
  models: ModelConfig[];
  cases: Case[];
  keys: Map<string, VariantKey>;
  ctx: MetricsContext;
  design: RunDesign;
  modelInfo: Record<string, Record<string, unknown>>;
  tally: RunTally;
}

/**
 * Reads a run back from its store and scores every answered call, streaming
 * the calls one model at a time: only per-case answers stay in memory, never
 * the replies. Parses are written back for inspection. Calls no model.
 * `each` sees every stored call with its answer key and score, in store order.
 */
export function tallyStore(store: Store, where: string, each?: (call: CallRecord, key: VariantKey | undefined, scored: ScoredCall | null) => void): TalliedRun {
  const { meta, models } = readRun(store, where);
  const cases = [...store.cases()];
  const keys = new Map<string, VariantKey>();
  for (const k of store.variantKeys()) keys.set(k.id, k);
  const { ctx, design } = metricsContext({ meta, cases, variants: keys.values() });
  const modelInfo = store.readModelInfo();
  const ladderMembers = new Set(models.filter((m) => formsLadders(m) && typeof modelInfo[m.id]?.family === 'string').map((m) => m.id));
  const tally = new RunTally(ctx, ladderMembers);
  for (const modelId of store.callModelIds()) {
    const parses: ParseRecord[] = [];
    for (const call of store.calls(modelId)) {
      const key = keys.get(call.variantId);
      const scored = key ? scoreCall(call, key) : null;
      tally.add(call, scored, key ? conditionGroup(key.condition) : undefined);
      each?.(call, key, scored);
      // Only parses that changed are written back: a rerun of the report writes nothing.
      if (scored && (scored.letter !== call.storedParse?.letter || scored.method !== call.storedParse?.method))
        parses.push({ modelId, variantId: call.variantId, letter: scored.letter, method: scored.method });
    }
    // Written after the model's read: a connection cannot write while it iterates.
    store.saveParses(parses);
  }
  return { meta, models, cases, keys, ctx, design, modelInfo, tally };
}

function readRun(store: Store, where: string): { meta: RunMeta; models: ModelConfig[] } {
  const meta = store.readMeta();
  if (!meta) throw inputError('E_INPUT', 'the store holds no run', { file: where });
  return { meta, models: meta.config.models };
}

const METHODS = fileURLToPath(new URL('../../METHODS.md', import.meta.url));

/** What the outputs depend on: the stored calls, and the tool that computes them. */
export function outputsSignature(store: Store): string {
  return `${TOOL.version}|${store.callsSignature()}`;
}

/**
 * The outputs already written for exactly these stored calls, or null. A
 * resumed audit with nothing left to do reuses them instead of recomputing.
 */
export function currentResults(store: Store, outDir: string): Results | null {
  const path = join(outDir, 'results.json');
  if (store.readOutputsSignature() !== outputsSignature(store) || !existsSync(path)) return null;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Results;
  } catch {
    return null;
  }
}

/** Every metric of a tallied run, as results.json holds them. */
export async function buildRunResults(run: TalliedRun, now: Date, threads = bootstrapThreads()): Promise<Results> {
  const tallies = await run.tally.finish(
    run.models.map((m) => m.id),
    threads,
  );
  return buildResults({
    meta: run.meta,
    models: run.models,
    design: run.design,
    ctx: run.ctx,
    tallies,
    modelInfo: run.modelInfo,
    generatedAt: now.toISOString(),
  });
}

/**
 * Scores every stored call and writes results.json, results.csv, summary.md,
 * report.html and METHODS.md. Calls are streamed from the store twice (metrics
 * and CSV, then the report's case explorer); replies are never all in memory.
 */
export async function writeOutputs(store: Store, outDir: string, now = new Date(), threads = bootstrapThreads()): Promise<Results> {
  const csvFile = new AtomicFileWriter(join(outDir, 'results.csv'));
  const htmlFile = new AtomicFileWriter(join(outDir, 'report.html'));
  try {
    const controls = new Set(
      readRun(store, outDir)
        .models.filter((m) => isControlModel(m))
        .map((m) => m.id),
    );
    const csv = new ResultsCsv((text) => csvFile.write(text), controls);
    const run = tallyStore(store, outDir, (call, key, scored) => csv.add(call, key, scored));
    csv.flush();
    // With more than one model the statistics run on the worker pool while this thread loads the report's
    // chart engines (one model stays on this thread: a worker costs more CPU than it saves). The numbers do
    // not depend on which thread computes them. A failed load surfaces at the first chart.
    const [results] = await Promise.all([buildRunResults(run, now, threads), loadChartEngines().catch(() => undefined)]);
    const source: ReportSource = {
      meta: run.meta,
      cases: run.cases,
      models: run.models.map((m) => ({ id: m.id, control: isControlModel(m) })),
      variants: () => store.variants(),
      answers: () => explorerAnswers(store, run.keys),
      clean: (modelId, caseId) => run.tally.clean(modelId, caseId),
    };
    await writeReportHtml(results, source, (text) => htmlFile.write(text));
    writeFileAtomic(join(outDir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
    csvFile.close();
    writeFileAtomic(join(outDir, 'summary.md'), summaryMarkdown(results));
    htmlFile.close();
    copyFileSync(METHODS, join(outDir, 'METHODS.md'));
    store.saveOutputsSignature(outputsSignature(store));
    return results;
  } catch (e) {
    csvFile.abort();
    htmlFile.abort();
    throw e;
  }
}

function* explorerAnswers(store: Store, keys: ReadonlyMap<string, VariantKey>): Iterable<{ scored: ScoredCall; raw: string }> {
  for (const call of store.calls()) {
    const key = keys.get(call.variantId);
    if (!key || !shownInExplorer(key)) continue;
    const scored = scoreCall(call, key);
    if (scored) yield { scored, raw: call.raw ?? '' };
  }
}
