import type { z } from 'zod';
import type { ControlKnowledge } from './controls/reference.js';
import type { ModelConfig } from './model-config.js';
import type { Provider } from './types.js';

/** Where a provider is reached when the config says nothing. */
export interface ProviderPreset {
  baseUrl?: string;
  /** Key variable used when the config names none. */
  keyEnv?: string;
  /** The API refuses calls without a key: a missing variable is an error before any call. */
  keyRequired: boolean;
}

/** What a factory gets besides the model's config, resolved from the preset and the run. */
export interface ProviderInit {
  env: NodeJS.ProcessEnv;
  /** The model's own timeout, else the run's. */
  timeoutMs: number;
  /** The model's baseUrl, else the preset's. */
  baseUrl?: string;
  /** Read from the model's apiKeyEnv, else the preset's variable. */
  apiKey?: string;
  /** What the assay controls know of the cases. */
  controls: ControlKnowledge;
}

/** A model of this provider: the common keys and the provider's own. */
export type ProviderModel<O extends z.ZodRawShape = z.ZodRawShape> = ModelConfig & z.output<z.ZodObject<O>>;

/** Turns the part of `--model NAME:REST` after the colon into config keys (without `provider`). */
export interface Shorthand {
  /** How the spec is written, for help and error texts, e.g. `openai:MODEL`. */
  form: string;
  /** Throws an Error saying how to write it when REST does not fit. */
  parse(rest: string, spec: string): Record<string, unknown>;
}

/**
 * Everything ai-masld knows of one provider: adding a provider is one
 * definition and one `registerProvider` call.
 */
export interface ProviderDefinition<O extends z.ZodRawShape = z.ZodRawShape> {
  /** Stable: configs, `--model` specs and reports name it. */
  name: string;
  preset: ProviderPreset;
  /** This provider's own config keys, beside those every model takes; another provider's model naming one is an error. */
  options?: O;
  /** Checks across keys (a baseUrl it cannot do without): reports a problem with one key. */
  check?(m: ProviderModel<O>, problem: (key: string, message: string) => void): void;
  /** The `--model` shorthand; without one, the provider's models are listed under `models:` in a config. */
  shorthand?: Shorthand;
  /** An assay control: behaviour known by design; it never retells or judges a case. */
  control?: boolean;
  create(m: ProviderModel<O>, init: ProviderInit): Provider;
}

/** The plain shorthand `NAME:MODEL`: the spec is the id. */
export function modelShorthand(name: string, model = 'MODEL'): Shorthand {
  return { form: `${name}:${model}`, parse: (rest, spec) => ({ id: spec, model: rest }) };
}

/** What an HTTP provider takes from a model and its init; the baseUrl is the config's or the preset's (openai-compatible checks it is there). */
export function httpOptions(m: ModelConfig, init: ProviderInit) {
  return {
    id: m.id,
    baseUrl: init.baseUrl!,
    model: m.model,
    apiKey: init.apiKey,
    timeoutMs: init.timeoutMs,
    headers: m.headers,
    maxConcurrency: m.concurrency,
  };
}
