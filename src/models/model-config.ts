import { z } from 'zod';

const priceSchema = z.strictObject({
  inputPerMTok: z.number().nonnegative(),
  outputPerMTok: z.number().nonnegative(),
});

/** A model's quota: calls are paced to whichever of these binds (src/run/pace.ts). */
export const rateLimitSchema = z
  .strictObject({
    /** Requests per minute. */
    rpm: z.number().positive().max(1e7).optional(),
    /** Tokens (input and output) per minute. */
    tpm: z.number().positive().max(1e10).optional(),
  })
  .refine((r) => r.rpm !== undefined || r.tpm !== undefined, 'give rpm, tpm or both');

export type RateLimit = z.output<typeof rateLimitSchema>;

/**
 * The keys every model takes, whatever its provider. A provider's own keys
 * (its definition's `options`) are placed between these and `headers`, so a
 * parsed model lists its keys in the order it always has.
 */
export const COMMON_MODEL_KEYS = {
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:@/-]{0,79}$/, 'ids use letters, digits and . _ : @ / -'),
  provider: z.string(),
  model: z.string().min(1),
  baseUrl: z.url({ protocol: /^https?$/ }).optional(),
  /** Replicas of one model (src/models/replicas.ts): calls are spread over those that answer. Exclusive with baseUrl. */
  baseUrls: z
    .array(z.url({ protocol: /^https?$/ }))
    .min(2, 'list 2 or more replicas; a single server is baseUrl')
    .superRefine((urls, ctx) => {
      const seen = new Set<string>();
      for (const [i, url] of urls.entries()) {
        if (seen.has(replicaKey(url))) ctx.addIssue({ code: 'custom', path: [i], message: `lists the replica ${url} twice` });
        seen.add(replicaKey(url));
      }
    })
    .optional(),
  apiKeyEnv: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name, not the key itself')
    .optional(),
  temperature: z.number().min(0).max(2).default(0),
  maxTokens: z.number().int().positive().max(100000).optional(),
  concurrency: z.number().int().positive().max(1024).optional(),
  timeoutMs: z.number().int().positive().optional(),
  retries: z.number().int().min(0).max(20).optional(),
  price: priceSchema.optional(),
  rateLimit: rateLimitSchema.optional(),
};

/** Two spellings of one server (a trailing slash, an upper-case host) are one replica. */
function replicaKey(url: string): string {
  try {
    return new URL(url).href.replace(/\/+$/, '');
  } catch {
    return url;
  }
}

/** Listed last, after the provider's own keys. */
export const COMMON_MODEL_TAIL = {
  /** Extra HTTP headers (never secrets: those come from apiKeyEnv). */
  headers: z.record(z.string(), z.string()).optional(),
};

const commonModel = z.strictObject({ ...COMMON_MODEL_KEYS, ...COMMON_MODEL_TAIL });

/** A model as parsed from a config or a `--model` spec: the common keys; its provider's own keys are read through its definition. */
export type ModelConfig = z.output<typeof commonModel>;

/** Whether a key is one every model takes (a provider may not redefine it). */
export function isCommonModelKey(key: string): boolean {
  return key in commonModel.shape;
}
