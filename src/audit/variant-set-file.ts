import { gunzipSync, gzipSync } from 'node:zlib';
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { z } from 'zod';
import { inputError } from '../errors.js';
import { userMessage, type PromptStyle } from '../prompt/build.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { sha256, stableStringify } from '../util/hash.js';
import { MAX_INPUT_BYTES } from '../util/text-file.js';
import type { Exclusion, ProbeExclusion } from '../variants/build.js';
import type { CounterfactualAttribute } from '../variants/counterfactuals.js';
import type { ScreenSummary } from '../variants/screen.js';
import type { RetellRecord, SetReview } from '../variants/set-source.js';
import { COUNTERFACTUAL_NAMES, type Variant } from '../variants/types.js';
import { TOOL } from '../version.js';

/** Format of a variant-set file; raised when a line's meaning changes. */
export const VARIANT_SET_FORMAT = 1;

/** The first line of a variant-set file: what made the variants, and a hash that seals them. */
export interface VariantSetHeader {
  masldVariantSet: number;
  tool: { name: string; version: string };
  cases: { sha256: string; count: number; source: string; format: string };
  /** The settings that shaped the variants, and their hash. */
  design: {
    sha256: string;
    /** `doses` only above a single dose (graded stress). */
    probes: { name: string; version: number; doses?: number[] }[];
    counterfactuals: CounterfactualAttribute[];
    doubleStress: boolean;
    retest: number;
    seed: number;
    allowDefective: boolean;
    prompt: { style: PromptStyle; system: string | null };
    /** Probes retold by a rewriter model: the rewriter's and judge's identities, k, and the retelling prompts' version. */
    retell: { probe: string; rewriter: string; judge: string; retries: number; promptVersion: number }[];
  };
  /** Hash of the probe, variant and case code and phrase banks that built the set. */
  code: string;
  count: number;
  /** sha256 over the variant lines, exactly as written (joined by newlines). */
  sha256: string;
  exclusions: Exclusion[];
  probeExclusions: ProbeExclusion[];
  screen: ScreenSummary;
  review: SetReview | null;
  /** What the retelling did and cost, per retold probe; null when no probe was retold. */
  retell: RetellRecord[] | null;
}

export type Design = Omit<VariantSetHeader['design'], 'sha256'>;

/** The lines a set of variants is written as: one per variant, keys sorted, so equal sets are equal bytes. */
export function variantLines(variants: readonly Variant[], style: PromptStyle): string[] {
  return variants.map((v) => stableStringify({ ...v, text: userMessage(v, style) }));
}

/** The set's identity: equal for two runs that sent the same prompts, whether built at run time or read from a file. */
export function variantSetSha256(lines: readonly string[]): string {
  return sha256(lines.join('\n'));
}

export const designSha256 = (d: Design): string => sha256(stableStringify(d));

export type HeaderInput = Omit<VariantSetHeader, 'sha256' | 'count' | 'masldVariantSet' | 'tool'>;

/** The set as text: the sealed header line, then one line per variant. */
export function renderVariantSet(input: HeaderInput, variants: readonly Variant[]): { header: VariantSetHeader; text: string } {
  const lines = variantLines(variants, input.design.prompt.style);
  const header: VariantSetHeader = {
    masldVariantSet: VARIANT_SET_FORMAT,
    tool: { name: TOOL.name, version: TOOL.version },
    ...input,
    count: lines.length,
    sha256: variantSetSha256(lines),
  };
  return { header, text: `${[JSON.stringify(header), ...lines].join('\n')}\n` };
}

/** Writes the set; gzip when the name ends in .gz. Atomic: a kill leaves no half set. */
export function writeVariantSetFile(path: string, input: HeaderInput, variants: readonly Variant[]): { header: VariantSetHeader; bytes: number } {
  const { header, text } = renderVariantSet(input, variants);
  const data = path.endsWith('.gz') ? gzipSync(text, { level: 9 }) : text;
  writeFileAtomic(path, data);
  return { header, bytes: Buffer.byteLength(data) };
}

export interface ReadSet {
  header: VariantSetHeader;
  variants: Variant[];
  /** The file's name, as recorded with a run. */
  file: string;
}

/** A counterfactual this version of masld knows: a set naming another was not written by it, or was edited. */
const attributeSchema = z.enum(COUNTERFACTUAL_NAMES, {
  error: (i) => `unknown counterfactual ${JSON.stringify(i.input)}; counterfactuals are ${COUNTERFACTUAL_NAMES.join(', ')}`,
});
const counterfactualSchema = z.strictObject({ attribute: attributeSchema, value: z.string().min(1) }).nullable();
const lineSchema = z.object({
  id: z.string().min(1),
  caseId: z.string().min(1),
  condition: z.string().min(1),
  counterfactual: counterfactualSchema,
  narrative: z.string(),
  question: z.string(),
  options: z.record(z.string(), z.string()),
  answer: z.string().min(1),
  provenance: z.record(z.string(), z.unknown()),
  text: z.string(),
});

const headerSchema = z.object({
  masldVariantSet: z.number().int(),
  tool: z.object({ name: z.string(), version: z.string() }),
  cases: z.object({ sha256: z.string().length(64), count: z.number().int().nonnegative(), source: z.string(), format: z.string() }),
  design: z.object({
    sha256: z.string().length(64),
    probes: z.array(z.object({ name: z.string().min(1), version: z.number().int(), doses: z.array(z.number().int().positive()).optional() })),
    counterfactuals: z.array(attributeSchema),
    doubleStress: z.boolean(),
    retest: z.number().int().nonnegative(),
    seed: z.number().int(),
    allowDefective: z.boolean(),
    prompt: z.object({ style: z.enum(['direct', 'reasoning']), system: z.string().nullable() }),
    retell: z.array(z.object({ probe: z.string(), rewriter: z.string(), judge: z.string(), retries: z.number().int(), promptVersion: z.number().int() })),
  }),
  code: z.string(),
  count: z.number().int().nonnegative(),
  sha256: z.string().length(64),
  exclusions: z.array(z.record(z.string(), z.unknown())),
  probeExclusions: z.array(z.record(z.string(), z.unknown())),
  screen: z.record(z.string(), z.unknown()),
  review: z.record(z.string(), z.unknown()).nullable(),
  retell: z.array(z.record(z.string(), z.unknown())).nullable(),
});

const fail = (file: string, message: string, line?: number, field?: string) => inputError('E_VARIANT_SET', message, { file, line, field });

/**
 * Reads and verifies a variant-set file (plain or gzip): the header's format,
 * the count, the hash over the lines, every line's shape, unique ids, and that
 * each line's text is the user message of its variant. Nothing else is trusted.
 */
export function readVariantSetFile(path: string): ReadSet {
  let buf: Buffer;
  try {
    if (statSync(path).isDirectory()) throw fail(path, 'is a folder; pass the set file `masld variants --out` wrote');
    buf = readFileSync(path);
  } catch (err) {
    if ((err as { code?: string }).code === 'ENOENT') throw fail(path, 'variant set not found');
    throw err;
  }
  if (buf[0] === 0x1f && buf[1] === 0x8b) {
    try {
      buf = gunzipSync(buf, { maxOutputLength: MAX_INPUT_BYTES * 4 });
    } catch (err) {
      throw fail(path, `not a readable gzip file (${(err as Error).message}); the set may be truncated`);
    }
  }
  const text = buf.toString('utf8');
  const all = text.endsWith('\n') ? text.slice(0, -1).split('\n') : text.split('\n');
  let raw: unknown;
  try {
    raw = JSON.parse(all[0] ?? '');
  } catch {
    throw fail(path, 'line 1 is not a variant-set header (JSON); write sets with `masld variants --out FILE`', 1);
  }
  if (!raw || typeof raw !== 'object' || !('masldVariantSet' in raw))
    throw fail(path, 'line 1 is not a variant-set header (no "masldVariantSet"); this looks like another JSONL file', 1);
  const parsed = headerSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw fail(path, `header: ${issue.message}`, 1, issue.path.join('.'));
  }
  const header = parsed.data as unknown as VariantSetHeader;
  if (header.masldVariantSet > VARIANT_SET_FORMAT)
    throw fail(path, `set format ${header.masldVariantSet} is newer than this version of masld reads (${VARIANT_SET_FORMAT}); upgrade masld`, 1);
  const lines = all.slice(1);
  if (lines.length !== header.count)
    throw fail(path, `the header says ${header.count} variants but the file has ${lines.length}; the set is truncated or was edited`, 1, 'count');
  const actual = variantSetSha256(lines);
  if (actual !== header.sha256)
    throw fail(
      path,
      `the variant lines do not match the header's sha256 (${header.sha256.slice(0, 12)}… ` +
        `recorded, ${actual.slice(0, 12)}… found); the set was edited after it was written. Write a new set, or apply ` +
        `a review with \`masld variants apply-review\``,
      1,
      'sha256',
    );
  if (designSha256(designOf(header.design)) !== header.design.sha256)
    throw fail(path, "the header's design does not match its own hash; the header was edited", 1, 'design');
  const ids = new Set<string>();
  const variants = lines.map((l, i) => {
    let row: unknown;
    try {
      row = JSON.parse(l);
    } catch {
      throw fail(path, 'not valid JSON', i + 2);
    }
    const r = lineSchema.safeParse(row);
    if (!r.success) throw fail(path, r.error.issues[0].message, i + 2, r.error.issues[0].path.join('.'));
    const { text: message, ...v } = r.data;
    if (ids.has(v.id)) throw fail(path, `variant id "${v.id}" appears twice`, i + 2, 'id');
    ids.add(v.id);
    if (userMessage(v, header.design.prompt.style) !== message)
      throw fail(path, "the line's text is not the user message of its narrative, question and options", i + 2, 'text');
    return v as Variant;
  });
  return { header, variants, file: basename(path) };
}

/** The header's design without its own hash. */
export function designOf(d: VariantSetHeader['design']): Design {
  const { sha256: _, ...rest } = d;
  return rest;
}
