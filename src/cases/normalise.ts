import { confusablesMap } from 'confusables';
import type { Case } from './types.js';

/**
 * Import normalisation: NFKC (full-width letters, ligatures, ℃ → °C),
 * then Cyrillic and Greek look-alike letters inside English words mapped to
 * Latin, so word rules (the sex swap, probes) see "his", not "hіs" with a
 * Cyrillic і. Greek letters that medicine writes as Greek (β-blocker, TNF-α,
 * μg, IFNγ, κ light chain) are left alone.
 */

// NFKC would turn mm³ into mm3 and 37ºC into 37oC: superscripts, subscripts,
// fractions and ordinal indicators are kept as written. So is the micro sign:
// µ and μ are the same prefix, and authors' verbatim key facts hold µ.
const KEEP = /[\u00AA\u00B2\u00B3\u00B5\u00B9\u00BA\u00BC-\u00BE\u2070-\u209F\u2150-\u218F]/u;
const WORD = /[\p{L}\p{M}]+/gu;
const LATIN = /\p{Script=Latin}/u;
const CYRILLIC = /\p{Script=Cyrillic}/u;
const GREEK = /\p{Script=Greek}/u;
/** Greek letters that look Latin and carry no medical meaning: capitals and omicron. */
const GREEK_LOOKALIKE = /[ΑΒΕΖΗΙΚΜΝΟΡΤΥΧο]/u;

export interface NormalisedText {
  text: string;
  /** Look-alike letters mapped to Latin. */
  mapped: number;
  /** Words still mixing Latin with another script (no Latin look-alike known). */
  mixed: string[];
  /** Cyrillic words left as written in an otherwise English text. */
  foreign: string[];
}

function nfkc(text: string): string {
  let out = '';
  for (const ch of text) out += KEEP.test(ch) ? ch : ch.normalize('NFKC');
  // Per-character NFKC misses compositions across characters (e + combining accent).
  return out.normalize('NFC');
}

function latin(ch: string): string | null {
  const to = confusablesMap.get(ch);
  return to && /^[A-Za-z]+$/.test(to) ? to : null;
}

function isLookalike(ch: string): boolean {
  return CYRILLIC.test(ch) || GREEK_LOOKALIKE.test(ch);
}

/**
 * `spoofed`: the case already uses look-alikes inside English words, so its
 * all-Cyrillic short words ("Не", "іѕ") are the same disguise and are mapped
 * too. Elsewhere a word wholly in another script is left as written.
 */
export function normaliseText(text: string, spoofed = false): NormalisedText {
  let mapped = 0;
  const mixed: string[] = [];
  const foreign: string[] = [];
  const out = nfkc(text).replace(WORD, (word) => {
    const chars = [...word];
    const hasLatin = chars.some((c) => LATIN.test(c));
    const lookalikes = chars.filter(isLookalike);
    if (lookalikes.length === 0) return word;
    const wholly = !hasLatin && chars.every((c) => isLookalike(c) && latin(c));
    if (!hasLatin && !(spoofed && wholly)) {
      if (chars.some((c) => CYRILLIC.test(c))) foreign.push(word);
      return word;
    }
    const fixed = chars.map((c) => (isLookalike(c) ? (latin(c) ?? c) : c)).join('');
    mapped += chars.filter((c, i) => c !== [...fixed][i]).length;
    if ([...fixed].some((c) => CYRILLIC.test(c) || (GREEK.test(c) && GREEK_LOOKALIKE.test(c)))) mixed.push(fixed);
    return fixed;
  });
  return { text: out, mapped, mixed, foreign };
}

/** Whether a text disguises English words with look-alike letters. */
function isSpoofed(text: string): boolean {
  for (const [word] of text.normalize('NFKC').matchAll(WORD)) {
    const chars = [...word];
    if (chars.some((c) => LATIN.test(c)) && chars.some((c) => CYRILLIC.test(c) || GREEK_LOOKALIKE.test(c))) return true;
  }
  return false;
}

/**
 * Normalises a case's texts; `warning` says when mixed-script or Cyrillic
 * words remain (the case is kept: a human should look).
 */
export function normaliseCase(c: Case): { case: Case; warning: string | null } {
  const fields = [c.vignette, c.question, ...Object.values(c.options), ...(c.keyFacts ?? []), c.redFlag ?? '', c.criticalVariant?.replace.from ?? ''];
  const spoofed = fields.some(isSpoofed);
  const mixed: string[] = [];
  const foreign: string[] = [];
  const norm = (t: string) => {
    const r = normaliseText(t, spoofed);
    mixed.push(...r.mixed);
    foreign.push(...r.foreign);
    return r.text;
  };
  const out: Case = {
    ...c,
    vignette: norm(c.vignette),
    question: norm(c.question),
    options: Object.fromEntries(Object.entries(c.options).map(([k, v]) => [k, norm(v)])),
  };
  // Facts quoted from the vignette must still be found in it.
  if (c.keyFacts) out.keyFacts = c.keyFacts.map(norm);
  if (c.redFlag !== undefined) out.redFlag = norm(c.redFlag);
  if (c.criticalVariant)
    out.criticalVariant = { ...c.criticalVariant, replace: { from: norm(c.criticalVariant.replace.from), to: norm(c.criticalVariant.replace.to) } };
  const list = (xs: string[]) =>
    [...new Set(xs)]
      .slice(0, 5)
      .map((w) => `"${w}"`)
      .join(', ');
  const warnings = [
    mixed.length ? `words still mixing Latin with another script: ${list(mixed)}` : '',
    foreign.length ? `Cyrillic words left as written in English text (look-alikes of Latin or Greek letters?): ${list(foreign)}` : '',
  ].filter(Boolean);
  return { case: out, warning: warnings.length ? warnings.join('; ') : null };
}
