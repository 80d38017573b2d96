import type { z } from 'zod';
import { inputError } from '../errors.js';
import type { ControlKnowledge } from './controls/reference.js';
import { isCommonModelKey, type ModelConfig } from './model-config.js';
import type { ProviderDefinition } from './provider-definition.js';
import { anthropic } from './providers/anthropic.js';
import { control } from './providers/control.js';
import { llamaCpp } from './providers/llamacpp.js';
import { ollama } from './providers/ollama.js';
import { openAI } from './providers/openai.js';
import { openAICompatible } from './providers/openai-compatible.js';
import { replicaProvider } from './replicas.js';
import type { Provider } from './types.js';

export interface ProviderContext {
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
  controls: ControlKnowledge;
}

/** The built-in providers, in the order help and errors list them. Names are stable. */
const providers = new Map<string, ProviderDefinition>([openAICompatible, openAI, anthropic, ollama, control, llamaCpp].map((d) => [d.name, d]));

/**
 * Adds a provider: its models can then be named in a config (`provider: NAME`)
 * and, with a shorthand, by `--model NAME:...`. A provider knows nothing of
 * probes: it turns a chat request into text and usage.
 *
 * @example
 * ```ts
 * import { registerProvider } from 'ai-masld';
 * import { z } from 'zod';
 *
 * registerProvider({
 *   name: 'always-a',
 *   preset: { keyRequired: false },
 *   options: { note: z.string().optional() },
 *   shorthand: { form: 'always-a:NAME', parse: (rest, spec) => ({ id: spec, model: rest }) },
 *   create: (m) => ({
 *     id: m.id,
 *     complete: async () => ({ text: '{"answer": "A"}', inputTokens: null, outputTokens: null, finishReason: 'stop', truncated: false }),
 *   }),
 * });
 * ```
 */
export function registerProvider<O extends z.ZodRawShape>(definition: ProviderDefinition<O>): void {
  const { name } = definition;
  if (!/^[a-z][a-z0-9._-]*$/.test(name))
    throw new Error(`provider name "${name}" must be lower-case letters, digits and . _ - (no colon: it separates a --model spec)`);
  if (providers.has(name)) throw new Error(`provider "${name}" is already registered`);
  const shared = Object.keys(definition.options ?? {}).filter(isCommonModelKey);
  if (shared.length) throw new Error(`provider "${name}" redefines ${shared.map((k) => `"${k}"`).join(', ')}, which every model takes`);
  providers.set(name, definition);
}

/** An assay control: its provider is declared one (`control: true`), so it is labelled everywhere and never ranked or compared with real models. */
export function isControlModel(m: Pick<ModelConfig, 'provider'>): boolean {
  return providers.get(m.provider)?.control === true;
}

/** The model answers by the option letters' log-probabilities, generating no reply (its provider says so). */
export function scoresByLogprob(m: ModelConfig): boolean {
  return providers.get(m.provider)?.scoresByLogprob?.(m) ?? false;
}

/** The model's own answer-shaping settings for the run's fingerprint; none for a provider that declares none. */
export function providerFingerprint(m: ModelConfig): Record<string, unknown> {
  return providers.get(m.provider)?.fingerprint?.(m) ?? {};
}

/** Whether a model's recorded `family` places it on a quantization ladder (its provider says so). */
export function formsLadders(m: Pick<ModelConfig, 'provider'>): boolean {
  return providers.get(m.provider)?.ladders === true;
}

export function getProviderDefinition(name: string): ProviderDefinition | undefined {
  return providers.get(name);
}

export function listProviderDefinitions(): ProviderDefinition[] {
  return [...providers.values()];
}

function definitionOf(m: ModelConfig): ProviderDefinition {
  const d = providers.get(m.provider);
  // The config schema only lets registered providers through: this is a model built by hand.
  if (!d) throw new Error(`model "${m.id}" names the unregistered provider "${m.provider}"`);
  return d;
}

/** The one server a model is called at; none for a model with replicas (`baseUrls`), which are all its own. */
export function resolvedBaseUrl(m: ModelConfig): string | undefined {
  return m.baseUrls ? undefined : (m.baseUrl ?? definitionOf(m).preset.baseUrl);
}

/** The API key from the environment; a missing variable is bad input, caught before any call. */
export function resolveApiKey(m: ModelConfig, env: NodeJS.ProcessEnv, index: number): string | undefined {
  const preset = definitionOf(m).preset;
  const name = m.apiKeyEnv ?? preset.keyEnv;
  if (!name) return undefined;
  const value = env[name];
  if (!value && (m.apiKeyEnv || preset.keyRequired)) {
    throw inputError(
      'E_ENV',
      `model "${m.id}" needs an API key in the environment variable ${name}, which is not set. Export it (keys are ` +
        'only ever read from the environment) or set apiKeyEnv.',
      { field: `models[${index}].apiKeyEnv` },
    );
  }
  return value || undefined;
}

export function createProvider(m: ModelConfig, index: number, ctx: ProviderContext): Provider {
  const apiKey = resolveApiKey(m, ctx.env, index);
  const d = definitionOf(m);
  const init = (baseUrl: string | undefined) => ({ env: ctx.env, timeoutMs: m.timeoutMs ?? ctx.timeoutMs, baseUrl, apiKey, controls: ctx.controls });
  if (!m.baseUrls) return d.create(m, init(resolvedBaseUrl(m)));
  // One provider per replica, each a model with that one baseUrl.
  const { baseUrls, ...one } = m;
  const replicas = baseUrls.map((url) => ({ url, provider: d.create({ ...one, baseUrl: url }, init(url)) }));
  return replicaProvider(m.id, replicas, { maxConcurrency: m.concurrency });
}
