import { z } from 'zod';
import { COMMON_MODEL_KEYS, COMMON_MODEL_TAIL, type ModelConfig } from '../models/model-config.js';
import { checkReplicaKeys, type ProviderDefinition } from '../models/provider-definition.js';
import { getProviderDefinition, listProviderDefinitions } from '../models/registry.js';

type Issue = z.core.$ZodIssue;

/** Built once per provider: a registered definition does not change. */
const schemas = new WeakMap<ProviderDefinition, z.ZodType<ModelConfig>>();

function schemaOf(d: ProviderDefinition): z.ZodType<ModelConfig> {
  let s = schemas.get(d);
  if (!s) {
    s = z.strictObject({ ...COMMON_MODEL_KEYS, provider: z.literal(d.name), ...d.options, ...COMMON_MODEL_TAIL }).superRefine((m, ctx) => {
      const problem = (key: string, message: string) => ctx.addIssue({ code: 'custom', path: [key], message });
      d.check?.(m, problem);
      checkReplicaKeys(d, m, problem);
    }) as z.ZodType<ModelConfig>;
    schemas.set(d, s);
  }
  return s;
}

const providerList = () =>
  listProviderDefinitions()
    .map((d) => d.name)
    .join(', ');

/** For a provider no one registered: the common keys, so other problems are still named in order; the provider is refused. */
function unknownProviderSchema(): z.ZodType<ModelConfig> {
  const provider = z.custom<string>(() => false, {
    error: (i) =>
      i.input === undefined
        ? `a model needs a provider; providers are ${providerList()}`
        : `unknown provider ${JSON.stringify(i.input)}; providers are ${providerList()}`,
  });
  return z.strictObject({ ...COMMON_MODEL_KEYS, provider, ...COMMON_MODEL_TAIL }) as z.ZodType<ModelConfig>;
}

/** An unknown key that is another provider's own: said as such rather than as a typo. */
function misplacedKeys(issue: Issue, provider: string): Issue[] {
  if (issue.code !== 'unrecognized_keys' || issue.path.length) return [issue];
  const out: Issue[] = [];
  const rest: string[] = [];
  for (const key of issue.keys) {
    const owners = listProviderDefinitions()
      .filter((d) => d.name !== provider && d.options && key in d.options)
      .map((d) => d.name);
    if (owners.length) out.push({ code: 'custom', path: [key], message: `only ${owners.join(' and ')} models take "${key}"`, input: undefined });
    else rest.push(key);
  }
  return rest.length ? [...out, { ...issue, keys: rest }] : out;
}

/** The common keys, checked; a provider's own keys kept as they are. */
const storedUnregistered = z.looseObject({ ...COMMON_MODEL_KEYS, ...COMMON_MODEL_TAIL }) as z.ZodType<ModelConfig>;

/** Parses a model entry with its provider's schema, or with `fallback` when its provider is not registered. */
function modelEntrySchema(fallback: () => z.ZodType<ModelConfig>) {
  return z.unknown().transform((raw, ctx): ModelConfig => {
    const name = typeof raw === 'object' && raw !== null ? (raw as { provider?: unknown }).provider : undefined;
    const d = typeof name === 'string' ? getProviderDefinition(name) : undefined;
    const r = (d ? schemaOf(d) : fallback()).safeParse(raw);
    if (r.success) return r.data;
    for (const issue of r.error.issues) for (const i of misplacedKeys(issue, d?.name ?? '')) ctx.addIssue(i as Parameters<typeof ctx.addIssue>[0]);
    return z.NEVER;
  });
}

/**
 * A `models:` entry: one schema per provider, chosen by `provider` when the
 * entry is parsed, so a provider registered after this module loaded is known.
 * A key only another provider takes is an error that names that provider.
 */
export const modelConfigSchema = modelEntrySchema(unknownProviderSchema);

/**
 * A model as a run stored it. Reading a run back calls no model, so its
 * provider need not be registered: a model whose provider is unknown here
 * keeps its provider's own keys as they were stored, beside the common keys,
 * which are checked. Only resuming the run, which makes calls, needs it.
 */
export const storedModelConfigSchema = modelEntrySchema(() => storedUnregistered);
