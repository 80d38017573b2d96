import type { z } from 'zod';
import type { ControlKnowledge } from './controls/reference.js';
import type { ModelConfig } from './model-config.js';
import type { CallMode } from './prices.js';
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
  /** It calls an HTTP server at its baseUrl: a model may list `baseUrls` instead, replicas its calls are spread over. */
  replicas?: boolean;
  /** An assay control: behaviour known by design; it never retells or judges a case. */
  control?: boolean;
  create(m: ProviderModel<O>, init: ProviderInit): Provider;

  // What the rest of the pipeline asks of a provider besides its calls; a provider that declares none has none.

  /** A batch API: its price as a share of live calls, and the mode a model's calls are made in (`mode: batch`). */
  batch?: { price: BatchPrice; mode(m: ProviderModel<O>): CallMode };
  /** The model answers by the option letters' log-probabilities (one forward pass), generating no reply. */
  scoresByLogprob?(m: ProviderModel<O>): boolean;
  /**
   * The model's own settings that shape its answers, beside those every model has: a run is resumed only
   * with the same. Leave out a setting at its default, so earlier runs' fingerprints stay as they were.
   */
  fingerprint?(m: ProviderModel<O>): Record<string, unknown>;
  /** A model that records a `family` in its description joins that family's quantization ladder in the report. */
  ladders?: boolean;
}

/** What a batch call costs as a share of a live one, and where that was read. */
export interface BatchPrice {
  multiplier: number;
  date: string;
  source: string;
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

/** The checks on `baseUrls` every provider gets, beside its own `check`. */
export function checkReplicaKeys(d: ProviderDefinition, m: ProviderModel, problem: (key: string, message: string) => void): void {
  if (!m.baseUrls) return;
  if (!d.replicas) problem('baseUrls', `${d.name} models take no baseUrls: only models called over HTTP at a baseUrl have replicas`);
  else if (m.baseUrl) problem('baseUrls', 'give baseUrl (one server) or baseUrls (its replicas), not both');
  else if (d.batch?.mode(m) === 'batch') problem('baseUrls', 'mode: batch sends the calls to one batch API; replicas take live calls only');
}
