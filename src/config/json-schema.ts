import { basename, dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { TOOL } from '../version.js';
import { COMMON_MODEL_KEYS, COMMON_MODEL_TAIL } from '../models/model-config.js';
import { listProviderDefinitions } from '../models/registry.js';
import { listProbes } from '../probes/registry.js';
import { canRetell } from '../variants/retell/styles.js';
import { modelConfigSchema } from './model-schema.js';
import { configSchema, probeEntrySchema } from './schema.js';

/** The file the package ships beside package.json, and `masld init` points editors to. */
export const SCHEMA_FILE = 'masld.schema.json';

type Json = Record<string, unknown>;

/** Draft-07: the draft editors' YAML and JSON language servers support best. */
const OPTIONS = { target: 'draft-07', io: 'input', unrepresentable: 'any' } as const;

/**
 * The JSON Schema of a masld.yaml, generated from the zod config schema
 * (z.toJSONSchema). Two parts are chosen at parse time and so cannot be
 * converted as they stand: a model entry (its keys depend on its provider)
 * becomes one alternative per registered provider, and a probe entry the
 * registered probe names or `{name, rewriter}`. What a schema cannot say
 * (a rewriter naming a model under models:, a baseUrl openai-compatible
 * needs, baseUrl and baseUrls together) is still checked by `masld audit`, with the file and line.
 */
export function configJsonSchema(): Json {
  const probes = listProbes().map((p) => p.name);
  const models = { anyOf: listProviderDefinitions().map(providerModelSchema) };
  const probeEntry = {
    anyOf: [
      { type: 'string', enum: probes },
      {
        type: 'object',
        properties: {
          name: { type: 'string', enum: probes.filter(canRetell) },
          rewriter: {
            type: 'object',
            properties: {
              model: { type: 'string', minLength: 1, description: 'the id of a model under models:, or a model spec (openai:gpt-4o-mini)' },
              judge: { type: 'string', minLength: 1, description: 'checks each retelling for added, removed or altered facts; default: the rewriter' },
              retries: { type: 'integer', minimum: 0, maximum: 10, default: 2 },
            },
            required: ['model'],
            additionalProperties: false,
          },
        },
        required: ['name'],
        additionalProperties: false,
      },
    ],
  };
  const schema = z.toJSONSchema(configSchema, {
    ...OPTIONS,
    override: (ctx) => {
      const replace = (by: Json) => {
        for (const k of Object.keys(ctx.jsonSchema)) delete (ctx.jsonSchema as Json)[k];
        Object.assign(ctx.jsonSchema, by);
      };
      if (ctx.zodSchema === modelConfigSchema) replace(models);
      else if (ctx.zodSchema === probeEntrySchema) replace(probeEntry);
    },
  }) as Json;
  return {
    $schema: schema.$schema,
    title: 'ai-masld audit config (masld.yaml)',
    description: 'Every key is optional; `masld audit --config FILE` checks the file against this schema and more, naming the line. Keys: README, "Config".',
    ...Object.fromEntries(Object.entries(schema).filter(([k]) => k !== '$schema')),
  };
}

/** One provider's model entry: the keys every model takes, its own, and `provider` fixed to its name. */
function providerModelSchema(d: { name: string; options?: z.ZodRawShape; replicas?: boolean }): Json {
  // Only a provider called at a baseUrl takes replicas.
  const keys = Object.fromEntries(Object.entries(COMMON_MODEL_KEYS).filter(([k]) => d.replicas || k !== 'baseUrls'));
  const s = z.toJSONSchema(z.strictObject({ ...keys, provider: z.literal(d.name), ...d.options, ...COMMON_MODEL_TAIL }), OPTIONS) as Json;
  delete s.$schema;
  return { title: `${d.name} model`, ...s };
}

/** The schema as `masld schema` prints it and the package ships it: two-space JSON and a final newline. */
export const configJsonSchemaText = (): string => `${JSON.stringify(configJsonSchema(), null, 2)}\n`;

/** The schema file in this installation of the package (written at build time by scripts/write-schema.mjs). */
export const SHIPPED_SCHEMA = fileURLToPath(new URL(`../../${SCHEMA_FILE}`, import.meta.url));

/**
 * How a masld.yaml in `dir` names the schema: a path relative to it when the
 * package is installed in `dir` or a folder above (node_modules/ai-masld/…,
 * which the YAML language server resolves from the file's folder), else the
 * file of this very version on the npm CDN (npx without an install, a global install).
 */
export function schemaRefFrom(dir: string): string {
  const root = dirname(SHIPPED_SCHEMA);
  const owner = basename(dirname(root)) === 'node_modules' ? dirname(dirname(root)) : root;
  const abs = resolve(dir);
  if (abs === owner || abs.startsWith(`${owner}${sep}`)) return relative(abs, SHIPPED_SCHEMA).split(sep).join('/');
  return `https://unpkg.com/${TOOL.name}@${TOOL.version}/${SCHEMA_FILE}`;
}
