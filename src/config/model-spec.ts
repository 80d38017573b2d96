import { inputError } from '../errors.js';
import { CONTROL_NAMES, modelConfigSchema, type ModelConfig } from './schema.js';

const FORMS = 'openai:MODEL, anthropic:MODEL, ollama:MODEL, openai-compatible:NAME@http://host:port/v1 or control:NAME';

/** Parses the `--model` shorthand into a model config. */
export function parseModelSpec(spec: string): ModelConfig {
  const colon = spec.indexOf(':');
  if (colon <= 0) throw inputError('E_USAGE', `--model "${spec}" is not a model spec; use ${FORMS}`);
  const provider = spec.slice(0, colon);
  const rest = spec.slice(colon + 1);
  let raw: Record<string, unknown>;
  switch (provider) {
    case 'openai':
    case 'anthropic':
    case 'ollama':
      raw = { id: spec, provider, model: rest };
      break;
    case 'openai-compatible': {
      const at = rest.indexOf('@');
      if (at <= 0) throw inputError('E_USAGE', `--model "${spec}": write openai-compatible:NAME@http://host:port/v1`);
      raw = { id: rest.slice(0, at), provider, model: rest.slice(0, at), baseUrl: rest.slice(at + 1) };
      break;
    }
    case 'control':
      if (!(CONTROL_NAMES as readonly string[]).includes(rest)) throw inputError('E_USAGE', `--model "${spec}": unknown control; controls are ${CONTROL_NAMES.join(', ')}`);
      raw = { id: spec, provider, model: rest };
      break;
    default:
      throw inputError('E_USAGE', `--model "${spec}": unknown provider "${provider}"; use ${FORMS}`);
  }
  const parsed = modelConfigSchema.safeParse(raw);
  if (!parsed.success) throw inputError('E_USAGE', `--model "${spec}": ${parsed.error.issues[0].message}`);
  return parsed.data;
}

/** The assay controls: behaviour known by design, labelled as controls everywhere. */
export function controlPanel(): ModelConfig[] {
  return CONTROL_NAMES.map((name) => parseModelSpec(`control:${name}`));
}
