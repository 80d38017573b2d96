import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { TOOL } from '../version.js';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { reportHtml } from '../report/html/index.js';
import type { ModelConfig } from '../config/schema.js';
import { buildResults, type Results, type ResultsInput } from '../report/results.js';
import { resultsCsv } from '../report/csv.js';
import { summaryMarkdown } from '../report/summary.js';
import { scoreCall, type ScoredCall } from '../scoring/score.js';
import type { Store } from '../store/types.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import type { Variant } from '../variants/types.js';
import { inputError } from '../errors.js';

export interface ScoredRun extends Omit<ResultsInput, 'generatedAt'> {
  variantsById: Map<string, Variant>;
  scoredByKey: Map<string, ScoredCall>;
}

/** Reads a run back from its store and scores every answered call. Calls no model. */
export function loadScoredRun(store: Store, where: string): ScoredRun {
  const meta = store.readMeta();
  if (!meta) throw inputError('E_INPUT', 'the store holds no run', { file: where });
  const models = (meta.config as { models: ModelConfig[] }).models;
  const variants = [...store.variants()];
  const variantsById = new Map<string, Variant>(variants.map((v) => [v.id, v]));
  const calls = [...store.calls()];
  const scored: ScoredCall[] = [];
  const scoredByKey = new Map<string, ScoredCall>();
  for (const c of calls) {
    const v = variantsById.get(c.variantId);
    const s = v ? scoreCall(c, v) : null;
    if (!s) continue;
    scored.push(s);
    scoredByKey.set(`${c.modelId}\u0000${c.variantId}`, s);
  }
  return { meta, models, cases: [...store.cases()], variants, calls, scored, variantsById, scoredByKey, modelInfo: store.readModelInfo() };
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

/** Scores every stored call and writes results.json, results.csv, summary.md, report.html and METHODS.md. */
export async function writeOutputs(store: Store, outDir: string, now = new Date()): Promise<Results> {
  const run = loadScoredRun(store, outDir);
  store.saveParses(run.scored.map((s) => ({ modelId: s.modelId, variantId: s.variantId, letter: s.letter, method: s.method })));
  const results = buildResults({ ...run, generatedAt: now.toISOString() });
  const controls = new Set(run.models.filter((m) => m.provider === 'control').map((m) => m.id));
  writeFileAtomic(join(outDir, 'results.json'), JSON.stringify(results, null, 2) + '\n');
  writeFileAtomic(join(outDir, 'results.csv'), resultsCsv(run.calls, run.variantsById, run.scoredByKey, controls));
  writeFileAtomic(join(outDir, 'summary.md'), summaryMarkdown(results));
  writeFileAtomic(join(outDir, 'report.html'), await reportHtml(results, run));
  copyFileSync(METHODS, join(outDir, 'METHODS.md'));
  store.saveOutputsSignature(outputsSignature(store));
  return results;
}
