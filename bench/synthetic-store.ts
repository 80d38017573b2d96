import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { runFingerprint, sanitiseConfig } from '../src/audit/fingerprint.js';
import { loadCases } from '../src/cases/load.js';
import type { Case } from '../src/cases/types.js';
import { configSchema, COUNTERFACTUAL_NAMES, type ModelConfig } from '../src/config/schema.js';
import { listProbes } from '../src/probes/registry.js';
import { SqliteStore, STORE_FILE } from '../src/store/sqlite.js';
import type { CallRecord, RunMetaInput } from '../src/store/types.js';
import { hash32 } from '../src/util/hash.js';
import { buildVariants } from '../src/variants/build.js';
import { TOOL } from '../src/version.js';

export const COUNTERFACTUALS = COUNTERFACTUAL_NAMES;

/**
 * A finished audit at a chosen scale, written straight into a store: the
 * built-in bank repeated `scale` times (new ids), seven models, all probes and
 * three counterfactuals (sex, race/ethnicity, socioeconomic status), replies
 * drawn deterministically. Paper scale (1×) is 26,103 stored calls, a little
 * above the paper's ≈ 20,000.
 */
export function syntheticStore(dir: string, scale: number): { calls: number } {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const bank = loadCases().cases;
  const cases: Case[] = [];
  for (let k = 0; k < scale; k++) for (const c of bank) cases.push({ ...c, id: scale === 1 ? c.id : `${c.id}-r${k}` });
  const config = configSchema.parse({ counterfactuals: COUNTERFACTUALS, doubleStress: false, doses: [1] });
  const models: ModelConfig[] = Array.from(
    { length: 7 },
    (_, i) => ({ id: `model-${i + 1}`, provider: 'openai-compatible', model: `m${i + 1}`, baseUrl: 'http://127.0.0.1:9/v1', temperature: 0 }) as ModelConfig,
  );
  const probes = listProbes();
  const { variants, exclusions } = buildVariants(cases, { probes, counterfactuals: COUNTERFACTUALS, doubleStress: false, retest: 1, seed: 7 });
  const store = new SqliteStore(join(dir, STORE_FILE));
  const meta: RunMetaInput = {
    fingerprint: runFingerprint(config, models, variants),
    toolVersion: TOOL.version,
    createdAt: new Date(0).toISOString(),
    config: sanitiseConfig(config, models, { probes: probes.map((p) => p.name), counterfactuals: [...COUNTERFACTUALS] }),
    cases: { count: cases.length, source: `builtin×${scale}`, sha256: 'synthetic', format: 'masld', skipped: 0 },
    exclusions,
  };
  store.initialise(meta, cases, variants);
  let n = 0;
  for (const m of models) {
    const batch: CallRecord[] = [];
    const skill = 0.6 + 0.05 * Number(m.id.split('-')[1]);
    for (const v of variants) {
      const letters = Object.keys(v.options);
      const h = hash32(`${m.id}|${v.id}`);
      const letter = h / 4294967296 < skill ? v.answer : letters[h % letters.length];
      batch.push({
        modelId: m.id,
        variantId: v.id,
        status: 'ok',
        raw: JSON.stringify({ answer: letter, key_findings: ['synthetic'] }),
        truncated: false,
        finishReason: 'stop',
        inputTokens: 300,
        outputTokens: 20,
        latencyMs: 5,
        attempts: 1,
        errors: [],
        finishedAt: new Date(0).toISOString(),
      });
      n++;
    }
    store.saveCalls(batch);
  }
  store.close();
  return { calls: n };
}
