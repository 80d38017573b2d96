import { z } from 'zod';

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
  probes: z.array(z.enum(PROBE_NAMES)).optional(),
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
  /** Overrides of the phenotype thresholds (METHODS.md); unknown names are errors. */
  phenotype: z
    .strictObject({
      resilientMi: z.number(), resilientPfrExcess: z.number(), resilientCfi: z.number(), labilePfrExcess: z.number(),
      pseudonormalPfrExcess: z.number(), pseudonormalResponsiveness: z.number(), pseudonormalRetention: z.number(), pseudonormalPfrInvalid: z.number(),
      invalidMultiple: z.number(), invalidMargin: z.number(), entropyCollapse: z.number(), entropyGoldFloor: z.number(),
      decompensatedMi: z.number(), biasedCfi: z.number(), biasedCfiExcess: z.number(), biasedAlpha: z.number(), minValidAnswers: z.number().int(),
    })
    .partial()
    .default({}),
  bootstrap: z.strictObject({ resamples: z.number().int().min(1000).max(100000).default(2000) }).default({ resamples: 2000 }),
  prompt: z
    .strictObject({
      system: z.string().min(1).optional(),
      style: z.enum(['direct', 'reasoning']).default('direct'),
    })
    .default({ style: 'direct' }),
});

export type ConfigInput = z.input<typeof configSchema>;
export type ParsedConfig = z.output<typeof configSchema>;
export type ModelConfig = z.output<typeof modelConfigSchema>;
