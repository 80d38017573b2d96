import type { ModelConfig } from '../config/schema.js';
import type { ControlKnowledge } from '../models/controls/reference.js';
import { createProvider } from '../models/registry.js';
import type { PromptStyle } from '../prompt/build.js';
import type { ModelRuntime } from '../run/execute.js';

const DEFAULT_MAX_TOKENS = { direct: 400, reasoning: 2000 } as const;

/** The run-wide settings a model's runtime takes its defaults from. */
export interface RuntimeDefaults {
  timeoutMs: number;
  retries: number;
  concurrency: number;
  prompt: { style: PromptStyle };
}

/** A model ready to call, with the run's defaults applied: the same for an audit in one process and for a cluster worker. */
export function modelRuntime(m: ModelConfig, index: number, config: RuntimeDefaults, env: NodeJS.ProcessEnv, controls: ControlKnowledge): ModelRuntime {
  const provider = createProvider(m, index, { env, timeoutMs: config.timeoutMs, controls });
  return {
    id: m.id,
    provider,
    temperature: m.temperature,
    maxTokens: m.maxTokens ?? DEFAULT_MAX_TOKENS[config.prompt.style],
    retries: m.retries ?? config.retries,
    concurrency: Math.min(m.concurrency ?? provider.maxConcurrency ?? config.concurrency, config.concurrency),
    rateLimit: m.rateLimit,
  };
}
