/** Text helpers of the checker, written independently of the probes' own so it can catch their mistakes. */

export interface Sentence {
  text: string;
  /** Index of the line (split on newlines) that holds it. */
  line: number;
}

// A period after these is not a sentence end.
// Units such as "/min." end sentences often, so they are not here.
const ABBREV = /\b(?:Mr|Mrs|Ms|Dr|St|vs|approx|e\.g|i\.e|etc|Fig|Jr|Sr|Prof)\.$/;

/** Sentences of a text, line by line; a table line is its own sentence. */
const memo = new Map<string, Sentence[]>();

export function sentences(text: string): Sentence[] {
  let out = memo.get(text);
  if (out) return out;
  out = split(text);
  // Bounded: a base text is split once per variant made from it, and variants come case by case.
  if (memo.size > 2000) memo.clear();
  memo.set(text, out);
  return out;
}

function split(text: string): Sentence[] {
  const out: Sentence[] = [];
  text.split('\n').forEach((raw, line) => {
    const s = raw.trim();
    if (!s) return;
    let start = 0;
    // An end mark, up to two closing quotes/brackets (a quote inside a quotation: ".’""), then space and a capital, digit or opening quote.
    const re = /[.!?]['"’”)]{0,2}\s+(?=['"‘“(]?[A-Z0-9])/g;
    for (const m of s.matchAll(re)) {
      const end = m.index + m[0].trimEnd().length;
      const piece = s.slice(start, end);
      if (ABBREV.test(piece.replace(/['"’”)]+$/, ''))) continue;
      out.push({ text: piece.trim(), line });
      start = m.index + m[0].length;
    }
    const rest = s.slice(start).trim();
    if (rest) out.push({ text: rest, line });
  });
  return out;
}

/** Lower case, letters and digits only: two sentences that differ only in spacing or punctuation are the same. */
export const norm = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

function words(s: string): string[] {
  return norm(s).split(' ').filter(Boolean);
}

/** How many times each value occurs. */
export function tally<T>(xs: Iterable<T>): Map<T, number> {
  const m = new Map<T, number>();
  for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1);
  return m;
}

export function count(text: string, re: RegExp): number {
  const g = re.global ? re : new RegExp(re.source, `${re.flags}g`);
  let n = 0;
  for (const _ of text.matchAll(g)) n++;
  return n;
}

/** Variant sentences that are not in the base (by normalised text): what the variant wrote itself. */
export function addedSentences(variant: string, base: string): string[] {
  // Several lints ask for the same pair in a row.
  if (lastAdded && lastAdded.variant === variant && lastAdded.base === base) return lastAdded.out;
  const out = added(variant, base);
  lastAdded = { variant, base, out };
  return out;
}
let lastAdded: { variant: string; base: string; out: string[] } | undefined;

function added(variant: string, base: string): string[] {
  const have = tally(sentences(base).map((s) => norm(s.text)));
  const out: string[] = [];
  for (const s of sentences(variant)) {
    const k = norm(s.text);
    const n = have.get(k) ?? 0;
    if (n > 0) have.set(k, n - 1);
    else out.push(s.text);
  }
  return out;
}

/**
 * Sentences of the variant, among those it wrote itself, that match a pattern
 * the base matches fewer times: a phrase the variant added. Counting keeps a
 * phrase the base already had (reworded in place) from being taken as added.
 */
export function addedMatches(variant: string, base: string, re: RegExp): string[] {
  const extra = count(variant, re) - count(base, re);
  if (extra <= 0) return [];
  const g = new RegExp(re.source, re.flags.replace('g', ''));
  const hits = addedSentences(variant, base).filter((s) => g.test(s));
  return hits.length ? hits : [variant.match(g)?.[0] ?? ''];
}

/** A short excerpt for reports. */
export function clip(s: string, max = 160): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length <= max ? t : `${t.slice(0, max - 1)}…`;
}

/** Word-set overlap of two sentences, 0..1. */
export function overlap(a: string, b: string): number {
  const A = new Set(words(a));
  const B = new Set(words(b));
  if (!A.size || !B.size) return 0;
  let common = 0;
  for (const w of A) if (B.has(w)) common++;
  return common / Math.max(A.size, B.size);
}

/** A function of a text, remembered for the texts seen lately (a base text is read once per variant made from it). */
export function memoText<T>(fn: (text: string) => T, size = 500): (text: string) => T {
  const seen = new Map<string, T>();
  return (text) => {
    let out = seen.get(text);
    if (out === undefined) {
      out = fn(text);
      if (seen.size >= size) seen.clear();
      seen.set(text, out);
    }
    return out;
  };
}
