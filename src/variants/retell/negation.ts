import { expandContractions } from '../check/facts.js';

/**
 * Negations read per negated term: "denies chest pain" negates "chest", "the
 * urine test is negative" negates "test". A retelling must negate each term
 * at least as often as the original; a term it states without a negation where
 * the original negated it is a flip, not a loss.
 */

// Cues before what they negate; "negative for" and "free of" name the term after them.
const BEFORE = new Set(['no', 'not', 'never', 'nor', 'neither', 'without', 'deny', 'denies', 'denied', 'denying', 'none']);
// Cues after what they negate ("bowel sounds are absent").
const AFTER = new Set(['negative', 'absent']);
// Words between a cue and what it negates.
const FILLER = new Set([
  'a',
  'an',
  'the',
  'any',
  'other',
  'further',
  'significant',
  'obvious',
  'apparent',
  'known',
  'prior',
  'previous',
  'recent',
  'current',
  'similar',
  'such',
  'new',
  'history',
  'histories',
  'of',
  'for',
  'to',
  'with',
  'sign',
  'signs',
  'evidence',
  'episode',
  'episodes',
  'complaint',
  'complaints',
  'change',
  'changes',
  'has',
  'have',
  'had',
  'having',
  'been',
  'be',
  'is',
  'was',
  'are',
  'were',
  'do',
  'does',
  'did',
  'doing',
  'will',
  'would',
  'can',
  'could',
  'should',
  'may',
  'might',
  'he',
  'she',
  'i',
  'they',
  'we',
  'it',
  'his',
  'her',
  'my',
  'their',
  'our',
  'its',
  'him',
  'me',
  'them',
  'personal',
  'family',
  'report',
  'reports',
  'reported',
  'notice',
  'noticed',
  'experience',
  'experienced',
  'feel',
  'felt',
  'feeling',
  'get',
  'got',
  'getting',
  'really',
  'ever',
  'at',
  'all',
  'also',
  'yet',
  'currently',
  'ever',
  'been',
  'or',
  'and',
  'either',
  'one',
  'more',
  'than',
  'much',
  'very',
  'that',
  'this',
  'these',
  'those',
  'so',
  'too',
]);
const WINDOW_BEFORE = 8;
const WINDOW_AFTER = 4;

/** A comparable form of a word: "fevers" ~ "fever", "tenderness" ~ "tender", "vomited" ~ "vomiting". */
export function stemKey(word: string): string {
  let w = word.toLowerCase();
  if (w.length > 5) w = w.replace(/(?:ness|ing|ed)$/, '');
  if (w.length > 4) w = w.replace(/ies$/, 'y').replace(/(?<!s)es$|(?<![su])s$/, '');
  return w.slice(0, 6);
}

/** Clauses (a negation does not reach past these) as lists of lower-case words. */
function clauses(text: string): string[][] {
  return expandContractions(text)
    .split(/[.;:!?()\n]|\b(?:but|although|though|however|whereas|except)\b/i)
    .map((c) => (c.toLowerCase().match(/[a-z][a-z'-]*|\d+(?:\.\d+)?/g) ?? []).map((w) => w.replace(/'s$/, '')))
    .filter((ws) => ws.length);
}

const isContent = (w: string) => !FILLER.has(w) && !BEFORE.has(w) && !AFTER.has(w) && /[a-z]/.test(w);

/** The term each negation of the text negates (its stem key), one entry per negation. */
function negatedTerms(text: string): string[] {
  const out: string[] = [];
  for (const ws of clauses(text)) {
    ws.forEach((w, i) => {
      if (BEFORE.has(w) || (w === 'negative' && ws[i + 1] === 'for') || (w === 'free' && ws[i + 1] === 'of')) {
        const next = ws.slice(i + 1, i + 1 + WINDOW_BEFORE).find(isContent);
        if (next) out.push(stemKey(next));
      } else if (AFTER.has(w)) {
        const prev = ws
          .slice(Math.max(0, i - WINDOW_AFTER), i)
          .reverse()
          .find(isContent);
        if (prev) out.push(stemKey(prev));
      }
    });
  }
  return out;
}

/** Occurrences of a term in the text, split into negated ones and the rest. */
function termUses(text: string, term: string): { negated: number; stated: number } {
  let negated = 0;
  let stated = 0;
  for (const ws of clauses(text)) {
    ws.forEach((w, i) => {
      if (stemKey(w) !== term || !isContent(w)) return;
      const before = ws.slice(Math.max(0, i - WINDOW_BEFORE), i);
      const after = ws.slice(i + 1, i + 1 + WINDOW_AFTER);
      const cueBefore = before.some((b, j) => BEFORE.has(b) || (b === 'negative' && before[j + 1] === 'for') || (b === 'free' && before[j + 1] === 'of'));
      if (cueBefore || after.some((a) => AFTER.has(a) && a !== 'negative') || (after.includes('negative') && !after.includes('for'))) negated++;
      else stated++;
    });
  }
  return { negated, stated };
}

/** Negation cues in the text, whatever they negate. */
function cueCount(text: string): number {
  let n = 0;
  for (const ws of clauses(text))
    ws.forEach((w, i) => {
      if (BEFORE.has(w) || AFTER.has(w) || (w === 'free' && ws[i + 1] === 'of')) n++;
    });
  return n;
}

export interface NegationProblem {
  term: string;
  kind: 'lost' | 'flipped';
}

/**
 * The original's negated terms the retelling no longer negates as often.
 * `lenient`: a term may be reworded (lay words for "dyspnoea") as long as the
 * number of negations holds and the term is not stated unnegated instead.
 */
export function negationProblems(original: string, retold: string, lenient: boolean): NegationProblem[] {
  const need = new Map<string, number>();
  for (const t of negatedTerms(original)) need.set(t, (need.get(t) ?? 0) + 1);
  const out: NegationProblem[] = [];
  const cuesHold = cueCount(retold) >= cueCount(original);
  for (const [term, n] of need) {
    const now = termUses(retold, term);
    if (now.negated >= n) continue;
    const flipped = now.stated > termUses(original, term).stated;
    if (flipped) out.push({ term, kind: 'flipped' });
    else if (!(lenient && cuesHold)) out.push({ term, kind: 'lost' });
  }
  if (!out.length && !cuesHold) out.push({ term: '', kind: 'lost' });
  return out;
}
