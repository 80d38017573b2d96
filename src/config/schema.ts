import { z } from 'zod';
import { mapThresholds } from '../metrics/phenotype-thresholds.js';
import { getProviderDefinition } from '../models/registry.js';
import { DEFAULT_DOSES } from '../probes/dose.js';
import { getProbe, listProbes } from '../probes/registry.js';
import { canRetell } from '../variants/retell/styles.js';
import { COUNTERFACTUAL_NAMES } from '../variants/types.js';
import { modelConfigSchema } from './model-schema.js';
import { modelSpecForms, parseModelSpec } from './model-spec.js';

export { COUNTERFACTUAL_NAMES } from '../variants/types.js';
export { modelConfigSchema, storedModelConfigSchema } from './model-schema.js';
export type { ModelConfig } from '../models/model-config.js';

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

const probeList = () =>
  listProbes()
    .map((p) => p.name)
    .join(', ');
const unknownProbe = (input: unknown) => `unknown probe ${JSON.stringify(input)}; probes are ${probeList()}`;
/** Checked against the probe registry when a config is parsed, so a probe registered by a library user can be named. */
const probeNameSchema = z.string({ error: (i) => unknownProbe(i.input) }).superRefine((name, ctx) => {
  if (!getProbe(name)) ctx.addIssue({ code: 'custom', message: unknownProbe(name) });
});
const doseSchema = z.number().int().positive();
const probeObjectSchema = z.strictObject({
  name: probeNameSchema,
  rewriter: rewriterSchema.optional(),
  /** One dose for this probe (it must be one the probe defines). */
  dose: doseSchema.optional(),
  /** The doses of this probe, overriding the top-level `doses:`. */
  doses: z.array(doseSchema).min(1).optional(),
});
export type ProbeEntry = string | z.output<typeof probeObjectSchema>;

/**
 * A `probes:` entry: a name, or `{name, rewriter}`. Dispatched on the type by
 * hand so an error names the one form the user wrote (a union would report both).
 */
export const probeEntrySchema = z.unknown().transform((v, ctx): ProbeEntry => {
  if (typeof v !== 'string' && (typeof v !== 'object' || v === null || Array.isArray(v))) {
    ctx.addIssue({ code: 'custom', message: `a probe is a name (${probeList()}) or a mapping {name, rewriter}` });
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
export function probeEntryName(entry: ProbeEntry): string {
  return typeof entry === 'string' ? entry : entry.name;
}

/** The doses a `probes:` entry fixes (`dose` or `doses`), if any. */
export function probeEntryDoses(entry: ProbeEntry): number[] | undefined {
  return typeof entry === 'string' ? undefined : entry.dose !== undefined ? [entry.dose] : entry.doses;
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
    return getProviderDefinition(m.provider)?.control ? `"${ref}" is an assay control, which cannot retell or judge a case` : null;
  } catch {
    return `"${ref}" is neither the id of a model under models: nor a model spec (${modelSpecForms({ controls: false })})`;
  }
}

export const configSchema = z
  .strictObject({
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
    /** The dose levels of every narrative probe that defines them (graded stress, METHODS.md); `[1]` is one dose per probe. */
    doses: z
      .array(doseSchema)
      .min(1)
      .default([...DEFAULT_DOSES]),
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
    phenotype: z
      .strictObject(mapThresholds((t) => (t.integer ? z.number().int() : z.number())))
      .partial()
      .default({}),
    bootstrap: z.strictObject({ resamples: z.number().int().min(1000).max(100000).default(2000) }).default({ resamples: 2000 }),
    prompt: z
      .strictObject({
        system: z.string().min(1).optional(),
        style: z.enum(['direct', 'reasoning']).default('direct'),
      })
      .default({ style: 'direct' }),
  })
  .superRefine((c, ctx) => {
    c.probes?.forEach((entry, i) => {
      if (typeof entry !== 'string' && entry.dose !== undefined && entry.doses !== undefined)
        ctx.addIssue({ code: 'custom', path: ['probes', i, 'dose'], message: 'give dose (one) or doses (a list), not both' });
      const fixed = probeEntryDoses(entry);
      const probe = getProbe(probeEntryName(entry));
      if (fixed && probe) {
        const own = probe.doses ?? [1];
        const bad = fixed.find((d) => !own.includes(d));
        if (bad !== undefined)
          ctx.addIssue({
            code: 'custom',
            path: ['probes', i, typeof entry !== 'string' && entry.dose !== undefined ? 'dose' : 'doses'],
            message: probe.doses ? `${probe.name} has no dose ${bad}; its doses are ${own.join(', ')}` : `${probe.name} has no dose; leave dose out`,
          });
      }
      const rw = probeEntryRewriter(entry);
      if (!rw) return;
      const name = probeEntryName(entry);
      if (probe && !canRetell(name)) {
        const can = listProbes()
          .map((p) => p.name)
          .filter(canRetell)
          .join(', ');
        ctx.addIssue({
          code: 'custom',
          path: ['probes', i, 'rewriter'],
          message: `${name} (${probe.description}) cannot take a rewriter; the probes an LLM can retell are ${can}`,
        });
        return;
      }
      for (const key of ['model', 'judge'] as const) {
        const ref = rw[key];
        const problem = ref === undefined ? null : modelRefProblem(ref, c.models);
        if (problem) ctx.addIssue({ code: 'custom', path: ['probes', i, 'rewriter', key], message: problem });
      }
    });
  });

export type ParsedConfig = z.output<typeof configSchema>;
