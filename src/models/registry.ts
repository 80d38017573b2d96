import type { ModelConfig } from '../config/schema.js';
import { inputError } from '../errors.js';
import type { ControlKnowledge } from './controls/reference.js';
import { anthropicProvider } from './providers/anthropic.js';
import { controlProvider } from './providers/control.js';
import { openAICompatibleProvider } from './providers/openai-compatible.js';
import { llamaCppProvider } from './providers/llamacpp/provider.js';
import type { Provider } from './types.js';

export interface ProviderContext {
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
  controls: ControlKnowledge;
}

interface ProviderPreset {
  baseUrl?: string;
  /** Key variable used when the config names none; `required` when the API needs a key. */
  keyEnv?: string;
  keyRequired: boolean;
}

const PRESETS: Record<ModelConfig['provider'], ProviderPreset> = {
  'openai-compatible': { keyRequired: false },
  openai: { baseUrl: 'https://api.openai.com/v1', keyEnv: 'OPENAI_API_KEY', keyRequired: true },
  ollama: { baseUrl: 'http://127.0.0.1:11434/v1', keyRequired: false },
  anthropic: { baseUrl: 'https://api.anthropic.com', keyEnv: 'ANTHROPIC_API_KEY', keyRequired: true },
  control: { keyRequired: false },
  llamacpp: { keyRequired: false },
};

export function resolvedBaseUrl(m: ModelConfig): string | undefined {
  return m.baseUrl ?? PRESETS[m.provider].baseUrl;
}

/** The API key from the environment; a missing variable is bad input, caught before any call. */
export function resolveApiKey(m: ModelConfig, env: NodeJS.ProcessEnv, index: number): string | undefined {
  const preset = PRESETS[m.provider];
  const name = m.apiKeyEnv ?? preset.keyEnv;
  if (!name) return undefined;
  const value = env[name];
  if (!value && (m.apiKeyEnv || preset.keyRequired)) {
    throw inputError('E_ENV', `model "${m.id}" needs an API key in the environment variable ${name}, which is not set. Export it (keys are only ever read from the environment) or set apiKeyEnv.`, { field: `models[${index}].apiKeyEnv` });
  }
  return value || undefined;
}

export function createProvider(m: ModelConfig, index: number, ctx: ProviderContext): Provider {
  const timeoutMs = m.timeoutMs ?? ctx.timeoutMs;
  const apiKey = resolveApiKey(m, ctx.env, index);
  const baseUrl = resolvedBaseUrl(m)!;
  switch (m.provider) {
    case 'control':
      return controlProvider(m.id, m.model, ctx.controls);
    case 'llamacpp':
      return llamaCppProvider(m, ctx.env);
    case 'anthropic':
      return anthropicProvider({ id: m.id, baseUrl, model: m.model, apiKey, timeoutMs, headers: m.headers, maxConcurrency: m.concurrency });
    case 'openai':
    case 'ollama':
    case 'openai-compatible':
      return openAICompatibleProvider({
        id: m.id, baseUrl, model: m.model, apiKey, timeoutMs, headers: m.headers, maxConcurrency: m.concurrency,
        maxTokensField: m.provider === 'openai' ? 'max_completion_tokens' : 'max_tokens',
      });
  }
}
