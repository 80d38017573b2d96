import { parseModelSpec } from '../../config/model-spec.js';
import { probeEntryName, probeEntryRewriter, type ModelConfig, type ParsedConfig } from '../../config/schema.js';
import { inputError } from '../../errors.js';
import { resolvedBaseUrl } from '../../models/registry.js';
import type { Provider } from '../../models/types.js';
import { stableStringify } from '../../util/hash.js';
import type { RetellModel, RetellPlan } from './types.js';

/** A retelling is a whole narrative, often longer than the original; a verdict is a short JSON. Raised to these when a model's own cap is lower. */
export const RETELL_MAX_TOKENS = 3000;
export const JUDGE_MAX_TOKENS = 1000;

/** The models a configured probe retells with, resolved from `probes[i].rewriter`. */
export interface RewriterModels {
  probe: string;
  /** `probes[i].rewriter`, for messages. */
  field: string;
  rewriter: ModelConfig;
  judge: ModelConfig;
  /** k: extra attempts after a rejected retelling. */
  retries: number;
}

/**
 * Every probe entry with a rewriter, its model and judge resolved: an id of the
 * config's own `models:` list (whatever --model replaced them with for the
 * audit), else a model spec. The config schema has checked the references.
 */
export function rewriterModels(config: ParsedConfig, file?: string): RewriterModels[] {
  const out: RewriterModels[] = [];
  (config.probes ?? []).forEach((entry, i) => {
    const rw = probeEntryRewriter(entry);
    if (!rw) return;
    const field = `probes[${i}].rewriter`;
    const rewriter = resolveModelRef(rw.model, config.models, { file, field: `${field}.model` });
    const judge = rw.judge === undefined ? rewriter : resolveModelRef(rw.judge, config.models, { file, field: `${field}.judge` });
    out.push({ probe: probeEntryName(entry), field, rewriter, judge, retries: rw.retries });
  });
  return out;
}

export function resolveModelRef(ref: string, models: readonly ModelConfig[] | undefined, where: { file?: string; field: string }): ModelConfig {
  const listed = models?.find((m) => m.id === ref);
  if (listed) return listed;
  try {
    return parseModelSpec(ref);
  } catch (e) {
    throw inputError('E_CONFIG', `"${ref}" is neither the id of a model under models: nor a model spec (${(e as Error).message})`, where);
  }
}

export type RetellRole = 'rewriter' | 'judge';

const cap = (m: ModelConfig, role: RetellRole) => Math.max(m.maxTokens ?? 0, role === 'rewriter' ? RETELL_MAX_TOKENS : JUDGE_MAX_TOKENS);

/** What makes two models' replies interchangeable: a cached reply is reused only for the same identity. */
export function modelIdentity(m: ModelConfig, role: RetellRole): string {
  return stableStringify({ provider: m.provider, model: m.model, baseUrl: resolvedBaseUrl(m) ?? null, temperature: m.temperature, maxTokens: cap(m, role) });
}

/** A model as the retelling runs it: the audit's retries and concurrency rules, the retelling's token cap. */
export function retellModel(m: ModelConfig, provider: Provider, role: RetellRole, config: Pick<ParsedConfig, 'retries' | 'concurrency'>): RetellModel {
  return {
    id: m.id,
    identity: modelIdentity(m, role),
    provider,
    temperature: m.temperature,
    maxTokens: cap(m, role),
    retries: m.retries ?? config.retries,
    concurrency: Math.min(m.concurrency ?? provider.maxConcurrency ?? config.concurrency, config.concurrency),
    rateLimit: m.rateLimit,
  };
}

/** The plan of one probe, once the caller has created the providers (one may serve as both when the judge is the rewriter). */
export function retellPlan(
  r: RewriterModels,
  providers: { rewriter: Provider; judge: Provider },
  config: Pick<ParsedConfig, 'retries' | 'concurrency'>,
): RetellPlan {
  return {
    probe: r.probe,
    rewriter: retellModel(r.rewriter, providers.rewriter, 'rewriter', config),
    judge: retellModel(r.judge, providers.judge, 'judge', config),
    retries: r.retries,
  };
}
