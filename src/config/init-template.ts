import { stringify } from 'yaml';
import type { ModelConfig } from '../models/model-config.js';
import { getProviderDefinition } from '../models/registry.js';
import { listProbes } from '../probes/registry.js';
import { COUNTERFACTUAL_NAMES } from '../variants/types.js';

/** The file `masld init` writes and `masld audit` reads when no --config is given. */
export const DEFAULT_CONFIG_FILE = 'masld.yaml';

/** The keys of a `--model` spec worth writing: the rest are defaults, listed in the README. */
const SPEC_KEYS = ['id', 'provider', 'model', 'baseUrl', 'apiKeyEnv'] as const;

/** A scalar as YAML writes it (quoted where it must be); a list of plain names on one line. */
const flow = (v: unknown) => (Array.isArray(v) ? `[${v.join(', ')}]` : stringify(v).trim());

function modelLines(m: ModelConfig): string[] {
  const d = getProviderDefinition(m.provider);
  const keyEnv = m.apiKeyEnv ?? d?.preset.keyEnv;
  const lines = SPEC_KEYS.filter((k) => m[k] !== undefined).map((k, i) => `${i === 0 ? '  - ' : '    '}${k}: ${flow(m[k])}`);
  if (keyEnv) lines.push(`    # the key is read from $${keyEnv}; it is never written here`);
  if (!d?.control) lines.push('    temperature: 0', '    # price: {inputPerMTok: 2.5, outputPerMTok: 10}   # US$ per million tokens; default: the price table');
  return lines;
}

/**
 * A commented masld.yaml. Its first line names the JSON Schema
 * (`schemaRef`) for the YAML language server, so editors complete and check
 * the keys. Every value written is the default, or what the flags gave.
 */
export function initConfigText(o: { schemaRef: string; models?: readonly ModelConfig[]; cases?: string }): string {
  const probes = listProbes().map((p) => p.name);
  const models = o.models?.length
    ? ['models:', ...o.models.flatMap(modelLines)]
    : [
        '# models: the six assay controls when none are listed (README, "Assay controls"). A real model:',
        '# models:',
        '#   - id: gpt-4o',
        '#     provider: openai          # openai | anthropic | ollama | openai-compatible | llamacpp | control',
        '#     model: gpt-4o             # the key is read from $OPENAI_API_KEY',
      ];
  return [
    `# yaml-language-server: $schema=${o.schemaRef}`,
    '# ai-masld audit config. `npx masld audit` reads ./masld.yaml when no --config is given;',
    '# every key is optional, and the README ("Config") lists them all. `npx masld doctor` checks the set-up.',
    '',
    'cases:',
    o.cases
      ? `  path: ${flow(o.cases)}   # a file or folder, relative to where masld runs`
      : '  # path: cases.jsonl   # a file or folder (masld JSONL/YAML, MedQA JSONL, MMLU CSV); omit for the built-in bank',
    '  format: auto          # auto | masld | medqa | mmlu-csv',
    '  # limit: 60           # the first N cases in file order',
    ...models,
    `probes: ${flow(probes)}`,
    `counterfactuals: ${flow([...COUNTERFACTUAL_NAMES])}`,
    'doubleStress: true      # probes applied to counterfactual variants too',
    'retest: 1               # identical re-asks of each clean prompt: the noise floor',
    'seed: 7',
    'concurrency: 16         # calls in flight at once, all models together',
    '',
  ].join('\n');
}
