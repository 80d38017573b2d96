import type { ModelConfig } from '../config/schema.js';
import type { PromptOptions } from '../prompt/build.js';
import { estimateCallTokens } from '../run/plan.js';
import type { Variant } from '../variants/types.js';

/**
 * A model's rate limit as the whole cluster keeps it, in calls a minute: its rpm, or its tpm turned into calls at the
 * mean estimate of the calls queued (whichever is lower). The queue's limiter counts calls, not tokens; each worker
 * still corrects its own pace by the usage the provider reports.
 */
export function clusterRpm(m: ModelConfig, variants: readonly Variant[], prompt: PromptOptions & { systemText: string }): number | undefined {
  const { rpm, tpm } = m.rateLimit ?? {};
  if (tpm === undefined || !variants.length) return rpm;
  let tokens = 0;
  for (const v of variants) tokens += estimateCallTokens(m, v, prompt);
  const fromTpm = tpm / (tokens / variants.length);
  return rpm === undefined ? fromTpm : Math.min(rpm, fromTpm);
}
