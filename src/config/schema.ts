import { z } from 'zod';
import { mapThresholds } from '../metrics/phenotype-thresholds.js';
// model-spec.ts imports this module too: the cycle is safe because parseModelSpec is only called while a config is parsed.
import { parseModelSpec } from './model-spec.js';

/** Probe names are stable: they appear in configs and reports. */
export const PROBE_NAMES = ['distractor', 'buried_lead', 'lay_voice', 'anchoring', 'emotional', 'option_shuffle'] as const;
export const COUNTERFACTUAL_NAMES = ['sex', 'race_ethnicity', 'ses'] as const;
export const PROVIDER_NAMES = ['openai-compatible', 'openai', 'anthropic', 'ollama', 'control', 'llamacpp'] as const;
export const CONTROL_NAMES = ['resilient', 'labile', 'anchoring', 'biased', 'edit_sensitive', 'pseudonormal'] as const;

const priceSchema = z.strictObject({
  inputPerMTok: z.number().nonnegative(),
  outputPerMTok: z.number().nonnegative(),
});

export const modelConfigSchema = z
  .strictObject({
    id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:@/-]{0,79}$/, 'ids use letters, digits and . _ : @ / -'),
    provider: z.enum(PROVIDER_NAMES),
    model: z.string().min(1),
    baseUrl: z.url({ protocol: /^https?$/ }).optional(),
    apiKeyEnv: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name, not the key itself').optional(),
    temperature: z.number().min(0).max(2).default(0),
    maxTokens: z.number().int().positive().max(100000).optional(),
    concurrency: z.number().int().positive().max(1024).optional(),
    timeoutMs: z.number().int().positive().optional(),
    retries: z.number().int().min(0).max(20).optional(),
    price: priceSchema.optional(),
    /** llamacpp: CPU threads (default: the machine's cores; always passed to llama.cpp explicitly). */
    threads: z.number().int().positive().max(256).optional(),
    /** llamacpp: context window in tokens. */
    contextSize: z.number().int().min(256).max(1_048_576).optional(),
    /** llamacpp: `logprob` reads the option letters' probabilities in one forward pass; `generate` writes a reply. */
    scoring: z.enum(['logprob', 'generate']).optional(),
    /** llamacpp: the same weights at other quantizations share a family (a quantization ladder). */
    family: z.string().min(1).optional(),
    /** llamacpp: parallel sequences in the model's context (its concurrency). */
    sequences: z.number().int().min(1).max(64).optional(),
    /** llamacpp: expected sha256 of the GGUF file, checked before use. */
    sha256: z.string().regex(/^[0-9a-f]{64}$/i, 'a sha256 is 64 hex digits').optional(),
    /** llamacpp generate: constrain the reply to the answer JSON with a grammar (default true). */
    grammar: z.boolean().optional(),
    /** Extra HTTP headers (never secrets: those come from apiKeyEnv). */
    headers: z.record(z.string(), z.string()).optional(),
  })
  .superRefine((m, ctx) => {
    if (m.provider === 'openai-compatible' && !m.baseUrl) {
      ctx.addIssue({ code: 'custom', path: ['baseUrl'], message: 'openai-compatible models need a baseUrl, e.g. http://127.0.0.1:8000/v1' });
    }
    if (m.provider === 'control' && !(CONTROL_NAMES as readonly string[]).includes(m.model)) {
      ctx.addIssue({ code: 'custom', path: ['model'], message: `unknown control "${m.model}"; controls are ${CONTROL_NAMES.join(', ')}` });
    }
  });

export type ProbeName = (typeof PROBE_NAMES)[number];

/** Probes that retell the narrative; option_shuffle only permutes the options, so there is nothing to retell. */
const RETELLABLE: ReadonlySet<ProbeName> = new Set(['distractor', 'buried_lead', 'lay_voice', 'anchoring', 'emotional']);

/** An LLM that retells a probe's variants in the probe's style; every retelling is verified before use (src/variants/retell/). */
const rewriterSchema = z.strictObject({
  /** The id of a model under `models:`, or a model spec (`openai:gpt-4o-mini`, `openai-compatible:NAME@URL`). */
  model: z.string().min(1),
  /** Checks each retelling for added, removed or altered facts; defaults to the rewriter. */
  judge: z.string().min(1).optional(),
  /** Extra attempts after a rejected retelling; when all are rejected the rule-based variant is used. */
  retries: z.number().int().min(0).max(10).default(2),
});
export type RewriterConfig = z.output<typeof rewriterSchema>;

const probeNameSchema = z.enum(PROBE_NAMES, { error: (i) => `unknown probe ${JSON.stringify(i.input)}; probes are ${PROBE_NAMES.join(', ')}` });
const probeObjectSchema = z.strictObject({ name: probeNameSchema, rewriter: rewriterSchema.optional() });
export type ProbeEntry = ProbeName | z.output<typeof probeObjectSchema>;

/**
 * A `probes:` entry: a name, or `{name, rewriter}`. Dispatched on the type by
 * hand so an error names the one form the user wrote (a union would report both).
 */
const probeEntrySchema = z.unknown().transform((v, ctx): ProbeEntry => {
  if (typeof v !== 'string' && (typeof v !== 'object' || v === null || Array.isArray(v))) {
    ctx.addIssue({ code: 'custom', message: `a probe is a name (${PROBE_NAMES.join(', ')}) or a mapping {name, rewriter}` });
    return z.NEVER;
  }
  const r = typeof v === 'string' ? probeNameSchema.safeParse(v) : probeObjectSchema.safeParse(v);
  if (!r.success) {
    for (const issue of r.error.issues) ctx.addIssue(issue as Parameters<typeof ctx.addIssue>[0]);
    return z.NEVER;
  }
  return r.data;
});

/** The probe a `probes:` entry names (a bare name is returned as it is, so a default list of names goes through too). */
export function probeEntryName(entry: ProbeEntry): ProbeName;
export function probeEntryName(entry: ProbeEntry | string): string;
export function probeEntryName(entry: ProbeEntry | string): string {
  return typeof entry === 'string' ? entry : entry.name;
}

/** The rewriter a `probes:` entry names, if any. */
export function probeEntryRewriter(entry: ProbeEntry): RewriterConfig | undefined {
  return typeof entry === 'string' ? undefined : entry.rewriter;
}

/** A rewriter or judge reference: a model listed under `models:`, else a spec that parses. Null when it is fine, else why not. */
function modelRefProblem(ref: string, models: readonly { id: string }[] | undefined): string | null {
  if (models?.some((m) => m.id === ref)) return null;
  try {
    const m = parseModelSpec(ref);
    return m.provider === 'control' ? `"${ref}" is an assay control, which cannot retell or judge a case` : null;
  } catch {
    return `"${ref}" is neither the id of a model under models: nor a model spec (openai:MODEL, anthropic:MODEL, ollama:MODEL, openai-compatible:NAME@http://host:port/v1)`;
  }
}

export const configSchema = z.strictObject({
  cases: z
    .strictObject({
      path: z.string().min(1).optional(),
      format: z.enum(['auto', 'masld', 'medqa', 'mmlu-csv']).default('auto'),
      limit: z.number().int().positive().optional(),
      skipInvalid: z.boolean().default(false),
    })
    .default({ format: 'auto', skipInvalid: false }),
  models: z.array(modelConfigSchema).min(1, 'list at least one model').optional(),
  /** Names, or `{name, rewriter: {model, judge, retries}}` for an LLM retelling of that probe's variants. */
  probes: z.array(probeEntrySchema).optional(),
  counterfactuals: z.array(z.enum(COUNTERFACTUAL_NAMES)).optional(),
  doubleStress: z.boolean().default(true),
  /** Send variants the checker found defective (marked in every output) instead of leaving them out. */
  allowDefective: z.boolean().default(false),
  retest: z.number().int().min(0).max(10).default(1),
  seed: z.number().int().default(7),
  concurrency: z.number().int().positive().max(1024).default(16),
  timeoutMs: z.number().int().positive().default(60000),
  retries: z.number().int().min(0).max(20).default(5),
  /** First backoff delay; doubles with each retry, with jitter. */
  retryDelayMs: z.number().int().min(0).max(600000).default(1000),
  /** Overrides of the phenotype thresholds (METHODS.md), one number each as their definitions say; unknown names are errors. */
  phenotype: z.strictObject(mapThresholds((t) => (t.integer ? z.number().int() : z.number()))).partial().default({}),
  bootstrap: z.strictObject({ resamples: z.number().int().min(1000).max(100000).default(2000) }).default({ resamples: 2000 }),
  prompt: z
    .strictObject({
      system: z.string().min(1).optional(),
      style: z.enum(['direct', 'reasoning']).default('direct'),
    })
    .default({ style: 'direct' }),
}).superRefine((c, ctx) => {
  c.probes?.forEach((entry, i) => {
    const rw = probeEntryRewriter(entry);
    if (!rw) return;
    const name = probeEntryName(entry);
    if (!RETELLABLE.has(name)) {
      ctx.addIssue({ code: 'custom', path: ['probes', i, 'rewriter'], message: `${name} permutes the options and tells nothing anew, so it cannot take a rewriter` });
      return;
    }
    for (const key of ['model', 'judge'] as const) {
      const ref = rw[key];
      const problem = ref === undefined ? null : modelRefProblem(ref, c.models);
      if (problem) ctx.addIssue({ code: 'custom', path: ['probes', i, 'rewriter', key], message: problem });
    }
  });
});

export type ConfigInput = z.input<typeof configSchema>;
export type ParsedConfig = z.output<typeof configSchema>;
export type ModelConfig = z.output<typeof modelConfigSchema>;
