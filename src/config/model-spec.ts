import { inputError } from '../errors.js';
import { CONTROL_NAMES } from '../models/controls/behaviours.js';
import type { ModelConfig } from '../models/model-config.js';
import { getProviderDefinition, listProviderDefinitions } from '../models/registry.js';
import { modelConfigSchema } from './model-schema.js';

/** The `--model` forms of the registered providers, for help and errors; `controls: false` leaves out the assay controls. */
export function modelSpecForms(o: { controls?: boolean } = {}): string {
  const forms = listProviderDefinitions()
    .filter((d) => d.shorthand && (o.controls !== false || !d.control))
    .map((d) => d.shorthand!.form);
  return forms.length > 1 ? `${forms.slice(0, -1).join(', ')} or ${forms[forms.length - 1]}` : forms.join('');
}

/** Parses the `--model` shorthand into a model config. */
export function parseModelSpec(spec: string): ModelConfig {
  const colon = spec.indexOf(':');
  if (colon <= 0) throw inputError('E_USAGE', `--model "${spec}" is not a model spec; use ${modelSpecForms()}`);
  const provider = spec.slice(0, colon);
  const rest = spec.slice(colon + 1);
  const d = getProviderDefinition(provider);
  if (!d) throw inputError('E_USAGE', `--model "${spec}": unknown provider "${provider}"; use ${modelSpecForms()}`);
  if (!d.shorthand) throw inputError('E_USAGE', `--model "${spec}": ${provider} models have no --model shorthand; list the model under models: in a config`);
  let raw: Record<string, unknown>;
  try {
    raw = d.shorthand.parse(rest, spec);
  } catch (e) {
    throw inputError('E_USAGE', `--model "${spec}": ${(e as Error).message}`);
  }
  const parsed = modelConfigSchema.safeParse({ ...raw, provider });
  if (!parsed.success) throw inputError('E_USAGE', `--model "${spec}": ${parsed.error.issues[0].message}`);
  return parsed.data;
}

/** The assay controls: behaviour known by design, labelled as controls everywhere. */
export function controlPanel(): ModelConfig[] {
  return CONTROL_NAMES.map((name) => parseModelSpec(`control:${name}`));
}
