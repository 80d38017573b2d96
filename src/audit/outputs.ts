import { join } from 'node:path';
import type { ModelConfig } from '../config/schema.js';
import { buildResults, type Results } from '../report/results.js';
import { resultsCsv } from '../report/csv.js';
import { summaryMarkdown } from '../report/summary.js';
import { scoreCall, type ScoredCall } from '../scoring/score.js';
import type { Store } from '../store/types.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import type { Variant } from '../variants/types.js';
import { inputError } from '../errors.js';

/**
 * Scores every stored call and writes results.json, results.csv and
 * summary.md. Reads only the store: no model is called.
 */
export function writeOutputs(store: Store, outDir: string, now = new Date()): Results {
  const meta = store.readMeta();
  if (!meta) throw inputError('E_INPUT', 'the store holds no run', { file: outDir });
  const models = (meta.config as { models: ModelConfig[] }).models;
  const variants = [...store.variants()];
  const byId = new Map<string, Variant>(variants.map((v) => [v.id, v]));
  const calls = [...store.calls()];
  const scored: ScoredCall[] = [];
  const scoredByKey = new Map<string, ScoredCall>();
  for (const c of calls) {
    const v = byId.get(c.variantId);
    const s = v ? scoreCall(c, v) : null;
    if (!s) continue;
    scored.push(s);
    scoredByKey.set(`${c.modelId}\u0000${c.variantId}`, s);
  }
  store.saveParses(scored.map((s) => ({ modelId: s.modelId, variantId: s.variantId, letter: s.letter, method: s.method })));
  const results = buildResults({ meta, models, variants, calls, scored, generatedAt: now.toISOString() });
  const controls = new Set(models.filter((m) => m.provider === 'control').map((m) => m.id));
  writeFileAtomic(join(outDir, 'results.json'), JSON.stringify(results, null, 2) + '\n');
  writeFileAtomic(join(outDir, 'results.csv'), resultsCsv(calls, byId, scoredByKey, controls));
  writeFileAtomic(join(outDir, 'summary.md'), summaryMarkdown(results));
  return results;
}
