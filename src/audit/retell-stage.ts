import { MasldError } from '../errors.js';
import { createProvider, resolveApiKey } from '../models/registry.js';
import type { Provider } from '../models/types.js';
import type { ProgressEvent } from '../run/call-with-retries.js';
import { RetellCache } from '../variants/retell/cache.js';
import { modelIdentity, rewriterModels, retellPlan, type RewriterModels } from '../variants/retell/plan.js';
import { retellVariants } from '../variants/retell/retell.js';
import { screenVariants, type ScreenSummary } from '../variants/screen.js';
import { controlKnowledge } from './controls.js';
import type { AuditSpec } from './resolve.js';
import { variantLines, variantSetSha256 } from './variant-set-file.js';

export interface RetellStageOptions {
  /** The SQLite file every retelling and verdict is committed to as it finishes. */
  cacheFile: string;
  env: NodeJS.ProcessEnv;
  signal: AbortSignal;
  onStart?: (variants: number) => void;
  onProgress?: (e: ProgressEvent) => void;
}

/** The probes of this audit that name a rewriter; none for a frozen set (its retellings are in it). */
export function retellingPlans(spec: AuditSpec): RewriterModels[] {
  return spec.variantSource.file ? [] : rewriterModels(spec.config, spec.configFile ?? undefined);
}

/**
 * Retells the variants of the probes that name a rewriter, then runs the
 * variant checker over the retold narratives too: a retelling the checker
 * flags is left out like any defective variant. Finished retellings are kept
 * in the cache, so a run stopped here loses only those in flight, and the
 * audit never starts on a half-retold set.
 */
export async function retellStage(spec: AuditSpec, o: RetellStageOptions): Promise<AuditSpec> {
  const wanted = retellingPlans(spec);
  if (!wanted.length) return spec;
  const { config } = spec;
  const knowledge = controlKnowledge(spec.caseSet.cases, spec.variantSet.variants);
  const providers = new Map<string, Provider>();
  const provider = (m: RewriterModels['rewriter'], i: number) => {
    const key = modelIdentity(m, 'rewriter') + m.id;
    if (!providers.has(key)) {
      resolveApiKey(m, o.env, i);
      providers.set(key, createProvider(m, i, { env: o.env, timeoutMs: config.timeoutMs, controls: knowledge }));
    }
    return providers.get(key)!;
  };
  const plans = wanted.map((w, i) => retellPlan(w, { rewriter: provider(w.rewriter, i), judge: provider(w.judge, i) }, config));
  o.onStart?.(spec.variantSet.variants.filter((v) => plans.some((p) => p.probe === v.condition)).length);
  const cache = new RetellCache(o.cacheFile);
  try {
    const r = await retellVariants({
      variants: spec.variantSet.variants,
      cases: spec.caseSet.cases,
      plans,
      cache,
      signal: o.signal,
      concurrency: config.concurrency,
      retryDelayMs: config.retryDelayMs,
      onProgress: o.onProgress,
    });
    if (r.interrupted && o.signal.aborted) {
      throw new MasldError(
        'E_INTERRUPTED',
        `interrupted while retelling; finished retellings are kept in ${o.cacheFile} and are not asked again. Run the same command to go on.`,
      );
    }
    const failed = r.summaries.reduce((a, s) => a + s.failed, 0);
    if (failed || r.interrupted) {
      throw new MasldError(
        'E_PROVIDER',
        `${failed} variant(s) could not be retold: a rewriter or judge call failed after all ` +
          `retries${r.openCircuits.length ? ` (stopped calling ${r.openCircuits.join(', ')})` : ''}. Nothing was sent to ` +
          `the audited models. Finished retellings are kept in ${o.cacheFile}; run the same command to retry the rest.`,
      );
    }
    // The checker reads what will be sent: retold narratives are linted like rule-based ones.
    const checked = screenVariants(spec.caseSet.cases, { ...spec.variantSet, variants: r.variants }, config.allowDefective);
    const screen = mergeScreens(spec.screen, checked.summary);
    return {
      ...spec,
      variantSet: checked.set,
      screen,
      check: {
        ...checked.report,
        checked: spec.check.checked,
        byCondition: screen.byCondition,
        defective: [...spec.check.defective, ...checked.report.defective],
      },
      variantSource: {
        ...spec.variantSource,
        sha256: variantSetSha256(variantLines(checked.set.variants, config.prompt.style)),
        retell: r.summaries.map(({ newCalls: _, ...s }) => s),
      },
    };
  } finally {
    cache.close();
    await Promise.all([...providers.values()].map((p) => p.close?.()));
  }
}

/** The rule-based check, plus what the second check found among the retellings (the variants checked are the same ones). */
function mergeScreens(first: ScreenSummary, second: ScreenSummary): ScreenSummary {
  const byCondition: ScreenSummary['byCondition'] = structuredClone(first.byCondition);
  for (const [p, c] of Object.entries(second.byCondition)) {
    if (!c.defective) continue;
    const row = (byCondition[p] ??= { checked: c.checked, defective: 0, byLint: {} });
    row.defective += c.defective;
    for (const [l, n] of Object.entries(c.byLint)) row.byLint[l] = (row.byLint[l] ?? 0) + n;
  }
  const examples = structuredClone(first.examples);
  for (const [l, list] of Object.entries(second.examples)) {
    const into = (examples[l] ??= []);
    for (const e of list) if (into.length < 3) into.push(e);
  }
  return { ...first, byCondition, examples };
}
