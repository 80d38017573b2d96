import { z } from 'zod';
import { INDEX_NAMES } from './indices/registry.js';
import { RACE_VALUES, SES_VALUES, SEX_VALUES } from './types.js';

const LETTERS = 'ABCDEFGHIJ';

const optionsSchema = z.record(z.string(), z.string().trim().min(1, 'an option text is empty')).superRefine((opts, ctx) => {
  const keys = Object.keys(opts);
  if (keys.length < 2 || keys.length > 10) {
    ctx.addIssue({ code: 'custom', message: `needs 2 to 10 options, found ${keys.length}` });
    return;
  }
  const expected = LETTERS.slice(0, keys.length).split('');
  if ([...keys].sort().join('') !== expected.join('')) {
    ctx.addIssue({ code: 'custom', message: `option letters must be ${expected.join(', ')}; found ${keys.join(', ')}` });
  }
  const texts = Object.values(opts).map((t) => t.trim().toLowerCase());
  if (new Set(texts).size !== texts.length) ctx.addIssue({ code: 'custom', message: 'two options have the same text' });
});

/** The project's own case format. Unknown keys are errors: a typo must not pass silently. */
export const masldCaseSchema = z
  .strictObject({
    id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'ids use letters, digits, ".", "_" and "-"'),
    specialty: z.string().min(1),
    topic: z.string().optional(),
    questionType: z.enum(['diagnosis', 'next_step', 'management', 'triage', 'dangerous_miss']).optional(),
    vignette: z.string().min(1),
    question: z.string().min(1),
    options: optionsSchema,
    answer: z.string().regex(/^[A-J]$/, 'the answer is one capital letter'),
    demographics: z
      .strictObject({
        age: z.number().int().min(0).max(120).optional(),
        sex: z.enum(SEX_VALUES).optional(),
        race_ethnicity: z.enum(RACE_VALUES).optional(),
        ses: z.enum(SES_VALUES).optional(),
      })
      .optional(),
    keyFacts: z.array(z.string().min(1)).max(12).optional(),
    redFlag: z.string().min(1).optional(),
    rationale: z.string().optional(),
    attributeRelevance: z.strictObject({ sex: z.boolean(), age: z.boolean(), race_ethnicity: z.boolean(), ses: z.boolean() }).partial().optional(),
    criticalVariant: z
      .strictObject({
        replace: z.strictObject({ from: z.string().min(1), to: z.string().min(1) }),
        answer: z.string().regex(/^[A-J]$/),
      })
      .optional(),
    reviewed: z.boolean().optional(),
    reviewNote: z.string().optional(),
    indices: z
      .array(
        z.strictObject({
          name: z.enum(INDEX_NAMES),
          inputs: z.record(z.string(), z.union([z.number(), z.boolean()])),
          value: z.number(),
          in: z.enum(['base', 'variant']).optional(),
        }),
      )
      .optional(),
  })
  .superRefine((c, ctx) => {
    if (!(c.answer in c.options))
      ctx.addIssue({ code: 'custom', path: ['answer'], message: `"${c.answer}" is not one of the options (${Object.keys(c.options).join(', ')})` });
    if (c.criticalVariant && !(c.criticalVariant.answer in c.options)) {
      ctx.addIssue({ code: 'custom', path: ['criticalVariant', 'answer'], message: `"${c.criticalVariant.answer}" is not one of the options` });
    }
  });

/** `options.B: too short` style text for the first few zod issues. */
export function describeZodIssues(issues: readonly z.core.$ZodIssue[], max = 3): { field: string; message: string } {
  const first = issues[0];
  const field = formatPath(first?.path ?? []);
  const extra =
    issues.length > 1
      ? ` (and ${issues.length - 1} more: ${issues
          .slice(1, max)
          .map((i) => `${formatPath(i.path) || '(root)'}: ${i.message}`)
          .join('; ')})`
      : '';
  return { field, message: `${first?.message ?? 'invalid'}${extra}` };
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out;
}
