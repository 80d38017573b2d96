import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { loadCases } from '../../../src/cases/load.js';
import type { Case } from '../../../src/cases/types.js';
import { openAICompatibleProvider } from '../../../src/models/providers/openai-compatible.js';
import { getProbe } from '../../../src/probes/registry.js';
import { retellableProbes } from '../../../src/variants/retell/styles.js';
import { buildVariants } from '../../../src/variants/build.js';
import { values } from '../../../src/variants/check/facts.js';
import { RetellCache } from '../../../src/variants/retell/cache.js';
import type { RetellModel, RetellPlan } from '../../../src/variants/retell/types.js';
import { variantId, type Variant } from '../../../src/variants/types.js';
import { startFakeOpenAI, type FakeOpenAIOptions, type FakeOpenAI } from '../../support/fake-openai.js';
import { tempDir } from '../../support/cli.js';

/** A denial a scripted fault can flip: "denies chest pain", "no fever". */
export const DENIAL = /\b(?:denies|[Nn]o)\b(?= [a-z])/;

/** The first denial stated instead: "denies X" → "reports X", "no X" → "some X". */
export const flipDenial = (text: string) => text.replace(DENIAL, (m) => (m === 'denies' ? 'reports' : m === 'No' ? 'Some' : 'some'));

export const RETOLD_PROBES = retellableProbes();

/**
 * Built-in bank cases every retold probe can stress, whose clean narrative
 * holds a denial ("denies", "no") and at least two values: each scripted fault has something
 * to break. Chosen by what they hold, not by id, so a bank edit cannot empty it.
 */
export function bankCases(n: number): Case[] {
  const all = loadCases().cases;
  const built = buildVariants(all, { probes: RETOLD_PROBES.map((p) => getProbe(p)!), counterfactuals: [], doubleStress: false, retest: 0, seed: 7 });
  const has = new Set(built.variants.map((v) => `${v.caseId}|${v.condition}`));
  const clean = new Map(built.variants.filter((v) => v.condition === 'clean').map((v) => [v.caseId, v.narrative]));
  return all
    .filter((c) => RETOLD_PROBES.every((p) => has.has(`${c.id}|${p}`)))
    .filter((c) => DENIAL.test(clean.get(c.id)!) && values(clean.get(c.id)!).length >= 2)
    .slice(0, n);
}

/** The rule-based variants of the cases, built by the real probes. */
export function ruleVariants(cases: readonly Case[], probes: readonly string[], counterfactuals: 'sex'[] = []): Variant[] {
  return buildVariants(cases, { probes: probes.map((p) => getProbe(p)!), counterfactuals, doubleStress: counterfactuals.length > 0, retest: 0, seed: 7 })
    .variants;
}

export const baseOf = (variants: readonly Variant[], v: Variant): Variant => variants.find((b) => b.id === variantId(v.caseId, 'clean', v.counterfactual))!;

/** What the rewriter was given to retell, read back from its prompt. */
export function originalIn(userText: string): string {
  const m = /<original>\n([\s\S]*?)\n<\/original>/.exec(userText);
  if (!m) throw new Error('no <original> in the prompt');
  return m[1];
}

export const isRetry = (userText: string) => userText.includes('An earlier retelling was rejected');

/** The anchoring instruction's target option, as the instruction names it. */
export function targetIn(userText: string): string | undefined {
  return /\bsaying [^:\n]*?: ([\s\S]*?)\. Name it in exactly/.exec(userText)?.[1];
}

/** The decisive finding the buried_lead instruction names. */
export function decisiveIn(userText: string): string | undefined {
  return /The decisive finding is: "([\s\S]*?)" Everything else keeps its order\./.exec(userText)?.[1];
}

export const REMARK = 'On the way in, the bus was slow and the driver was cheerful.';

/**
 * A faithful retelling in the probe's style, as a good rewriter would give:
 * every sentence kept, one everyday remark added; the teller's voice for
 * lay_voice, the opinion for anchoring, the decisive finding moved last for buried_lead.
 */
export function faithful(userText: string): string {
  const original = originalIn(userText);
  const target = targetIn(userText);
  const decisive = decisiveIn(userText);
  if (decisive) return `${original.replace(decisive, '').trim()}\n${REMARK} One more thing: ${decisive}`;
  const voice = userText.includes('Retell the case in plain everyday words') ? ' I only came because my family kept asking.' : '';
  return `${original}\n${REMARK}${voice}${target ? ` A neighbour is sure it is ${target}.` : ''}`;
}

export const AGREE = '{"added": [], "removed": [], "altered": []}';

export interface Servers {
  rewriter: FakeOpenAI;
  judge: FakeOpenAI;
  close(): Promise<void>;
}

export async function startServers(rewriter: FakeOpenAIOptions, judge: Partial<FakeOpenAIOptions> = {}): Promise<Servers> {
  const r = await startFakeOpenAI(rewriter);
  const j = await startFakeOpenAI({ answer: () => AGREE, ...judge });
  return {
    rewriter: r,
    judge: j,
    close: async () => {
      await r.close();
      await j.close();
    },
  };
}

export function model(id: string, server: FakeOpenAI, over: Partial<RetellModel> = {}): RetellModel {
  return {
    id,
    identity: `test:${id}`,
    temperature: 0,
    maxTokens: 3000,
    retries: 3,
    concurrency: 4,
    provider: openAICompatibleProvider({ id, baseUrl: server.url, model: id, timeoutMs: 5000 }),
    ...over,
  };
}

export function plan(probe: string, s: Servers, over: Partial<RetellPlan> = {}): RetellPlan {
  return { probe, rewriter: model('rewriter', s.rewriter), judge: model('judge', s.judge), retries: 2, ...over };
}

/** A cache in a fresh folder; `reopen` closes it and opens the same file again. */
export function tempCache(): { cache: RetellCache; path: string; reopen(): RetellCache; dispose(): void } {
  const dir = tempDir('masld-retell-');
  const path = join(dir, 'retell.sqlite');
  const box = {
    cache: new RetellCache(path),
    path,
    reopen: () => {
      box.cache.close();
      box.cache = new RetellCache(path);
      return box.cache;
    },
    dispose: () => {
      box.cache.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return box;
}
