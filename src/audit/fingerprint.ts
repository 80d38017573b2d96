import type { ModelConfig, ParsedConfig } from '../config/schema.js';
import { providerFingerprint } from '../models/registry.js';
import { sha256, stableStringify } from '../util/hash.js';
import type { StoredConfigInput } from '../store/meta.js';
import type { CounterfactualAttribute } from '../variants/counterfactuals.js';
import type { Variant } from '../variants/types.js';

/**
 * What must match for a run to be resumed: the prompts and the model settings
 * that shape answers. Concurrency, timeouts and retries may change between runs.
 */
export function runFingerprint(config: ParsedConfig, models: readonly ModelConfig[], variants: readonly Variant[]): string {
  const h = sha256(variants.map((v) => stableStringify(v)).join('\n'));
  return sha256(
    stableStringify({
      variants: h,
      prompt: config.prompt,
      models: models.map((m) => ({
        id: m.id,
        provider: m.provider,
        model: m.model,
        baseUrl: m.baseUrl ?? null,
        // Replicas serve one model: a run resumes whichever of them are listed. Absent for one server, so earlier runs resume.
        ...(m.baseUrls ? { replicas: true } : {}),
        temperature: m.temperature,
        maxTokens: m.maxTokens ?? null,
        // The provider's own settings that shape answers (llama.cpp's forced flash attention).
        ...providerFingerprint(m),
      })),
    }),
  );
}

/** The config as stored and reported: header values are redacted; keys are never in it. */
export function sanitiseConfig(
  config: ParsedConfig,
  models: readonly ModelConfig[],
  resolved: { probes: string[]; counterfactuals: CounterfactualAttribute[] },
): StoredConfigInput {
  return {
    ...config,
    ...resolved,
    models: models.map((m) => ({ ...m, headers: m.headers ? Object.fromEntries(Object.keys(m.headers).map((k) => [k, '[redacted]'])) : undefined })),
  };
}
