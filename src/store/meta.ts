import { z } from 'zod';
import { formatPath } from '../cases/schema.js';
import { COUNTERFACTUAL_NAMES, configSchema, storedModelConfigSchema } from '../config/schema.js';
import { inputError, type MasldError } from '../errors.js';
import { EXCLUSION_REASONS } from '../variants/counterfactuals.js';
import { REJECT_REASONS } from '../variants/retell/types.js';

const count = z.number().int().nonnegative();
const attribute = z.enum(COUNTERFACTUAL_NAMES);

/**
 * The config as a run stores it (fingerprint.ts `sanitiseConfig`): the parsed
 * config, with the probe and counterfactual names the run resolved and its
 * models. Defaults are the config schema's own, so a value is defaulted in
 * one place whether it comes from a YAML file or from a store.
 */
const storedConfigSchema = z.object({
  ...configSchema.shape,
  /** A provider registered through the library by the run's writer need not be registered to read the run. */
  models: z.array(storedModelConfigSchema).min(1),
  /** Names as resolved when the run began; a probe registered through the library need not be known to the reader. */
  probes: z.array(z.string().min(1)).default([]),
  counterfactuals: z.array(attribute).default([]),
});

const exclusionSchema = z.object({
  caseId: z.string(),
  attribute,
  reason: z.enum([...EXCLUSION_REASONS, 'defective', 'rejected']),
  detail: z.string().optional(),
});

const probeExclusionSchema = z.object({
  caseId: z.string(),
  probe: z.string(),
  counterfactual: z.object({ attribute, value: z.string() }).nullable(),
  reason: z.enum(['ineligible', 'defective', 'rejected']),
  detail: z.string(),
});

const screenSchema = z.object({
  allowDefective: z.boolean(),
  checked: count,
  byCondition: z.record(z.string(), z.object({ checked: count, defective: count, byLint: z.record(z.string(), count) })),
  examples: z.record(z.string(), z.array(z.object({ variantId: z.string(), message: z.string(), excerpt: z.string() }))),
});

const reviewSchema = z.object({
  reviewer: z.string(),
  reviewedAt: z.string(),
  reviewSha256: z.string(),
  sourceSha256: z.string(),
  byProbe: z.record(z.string(), z.object({ variants: count, reviewed: count, accepted: count, rejected: count })),
  reasons: z.record(z.string(), count),
});

const retellSchema = z.object({
  probe: z.string(),
  rewriter: z.string(),
  judge: z.string(),
  attempted: count,
  accepted: count,
  fallbacks: count,
  failed: count,
  rejectedAttempts: count,
  rejected: z.partialRecord(z.enum(REJECT_REASONS), count),
  calls: count,
  inputTokens: count,
  outputTokens: count,
});

/** The run as its store records it (`meta` table, key `run`), written once when the run begins. */
export const runMetaSchema = z.object({
  fingerprint: z.string().min(1),
  toolVersion: z.string(),
  createdAt: z.string(),
  /** The config with secrets removed. */
  config: storedConfigSchema,
  cases: z.object({
    count,
    source: z.string(),
    sha256: z.string(),
    format: z.string(),
    skipped: count,
    /** The built-in bank's version, when the cases are the shipped bank. */
    bank: z.string().optional(),
  }),
  /** Cases left out of a counterfactual, and why. */
  exclusions: z.array(exclusionSchema),
  /** Probe variants left out (ineligible case or defective variant); absent in stores written before 0.2. */
  probeExclusions: z.array(probeExclusionSchema).optional(),
  /** What the variant checker found before the run; absent in stores written before 0.2. */
  variantCheck: screenSchema.optional(),
  /** The variants' hash, set file, review and retelling; absent in stores written before 0.3. */
  variantSet: z
    .object({
      sha256: z.string(),
      file: z.string().nullable(),
      review: reviewSchema.nullable().optional(),
      retell: z.array(retellSchema).nullable().optional(),
    })
    .optional(),
});

/** The config as a run stores it. */
export type StoredConfigInput = z.input<typeof storedConfigSchema>;

/** The run as read back: defaults applied. */
export type RunMeta = z.output<typeof runMetaSchema>;
/** The run as written. */
export type RunMetaInput = z.input<typeof runMetaSchema>;

/**
 * Reads a stored run record through the schema. A record that does not parse
 * comes from a damaged store or another tool: an input error naming the field.
 */
export function parseRunMeta(text: string, file: string): RunMeta {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw foreign(file, 'meta', 'is not JSON');
  }
  const parsed = runMetaSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    // Unknown keys are reported on their parent; name the key itself.
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
    throw foreign(file, formatPath(['meta', ...issue.path, ...keys.slice(0, 1)]), issue.message);
  }
  return asStored(parsed.data, raw);
}

function foreign(file: string, field: string, why: string): MasldError {
  return inputError(
    'E_STORE_DAMAGED',
    `the run recorded in this store is not one this version of masld reads (${why}); the store is damaged or was ` +
      'written by another tool. Nothing in it was changed. Run the audit with a new --out.',
    { file, field },
  );
}

/**
 * The parsed value with its keys in the order they were stored (a parse
 * orders them as the schema does), so outputs that copy stored objects, such
 * as the config in report.html, are the same bytes as before. Keys added by a
 * default come last.
 */
function asStored<T>(parsed: T, raw: unknown): T {
  if (Array.isArray(parsed)) return (Array.isArray(raw) ? parsed.map((x, i) => asStored(x, raw[i])) : parsed) as T;
  if (!isRecord(parsed) || !isRecord(raw)) return parsed;
  const out: Record<string, unknown> = {};
  const put = (k: string, v: unknown) => Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  for (const k of Object.keys(raw)) if (Object.hasOwn(parsed, k)) put(k, asStored(parsed[k], raw[k]));
  for (const k of Object.keys(parsed)) if (!Object.hasOwn(out, k)) put(k, parsed[k]);
  return out as T;
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
