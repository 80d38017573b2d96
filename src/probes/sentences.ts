/** A narrative cut into sentences, keeping the exact separators so it can be rebuilt. */
export interface Split {
  sentences: string[];
  /** separators[i] follows sentences[i]; the last is ''. */
  separators: string[];
}

const ABBREVIATIONS = /(?:\b(?:Dr|Mr|Ms|Mrs|St|vs|approx|No|Fig|e\.g|i\.e|etc|min|max|wk|yr|mo)\.)$/i;

/** Splits on ., ! or ? followed by white space and a capital, digit or quote; abbreviations do not end a sentence. */
export function splitSentences(text: string): Split {
  const sentences: string[] = [];
  const separators: string[] = [];
  const re = /([.!?]["')\]]?)(\s+)(?=["'(A-Z0-9])/g;
  let start = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const end = m.index + m[1].length;
    const candidate = text.slice(start, end);
    if (ABBREVIATIONS.test(candidate)) continue;
    sentences.push(candidate);
    separators.push(m[2]);
    start = end + m[2].length;
  }
  if (start < text.length) {
    sentences.push(text.slice(start));
    separators.push('');
  }
  return { sentences, separators };
}

export function joinSentences(split: Split): string {
  return split.sentences.map((s, i) => s + (split.separators[i] ?? '')).join('').trim();
}

export const wordCount = (text: string) => (text.match(/\S+/g) ?? []).length;

const compiled = new Map<string, RegExp>();

/** One whole-word, case-insensitive matcher for any of the phrases, compiled once per phrase set. */
function matcher(phrases: readonly string[]): RegExp {
  const key = phrases.join('\u0000');
  let re = compiled.get(key);
  if (!re) {
    if (compiled.size > 5000) compiled.clear();
    const alt = phrases.map((p) => p.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
    re = new RegExp(`(^|[^A-Za-z0-9])(?:${alt})($|[^A-Za-z0-9])`, 'i');
    compiled.set(key, re);
  }
  return re;
}

/** Whether the text names any of the phrases (whole words, any case). */
export function mentionsAny(text: string, phrases: readonly string[]): boolean {
  if (!phrases.length) return false;
  // Cheap pre-check: a case-insensitive regex match implies an upper-cased
  // substring match, so a text holding none of the phrases skips the regex.
  const upper = text.toUpperCase();
  return phrases.some((p) => upper.includes(p.trim().toUpperCase())) && matcher(phrases).test(text);
}

// Per bank list, per phrase set: the same case's options come back for each of its variants.
const filtered = new WeakMap<readonly string[], Map<string, readonly string[]>>();

/** The sentences that name none of the phrases (whole words, any case); the result is shared, do not mutate it. */
export function withoutMentions(sentences: readonly string[], phrases: readonly string[]): readonly string[] {
  let byPhrases = filtered.get(sentences);
  if (!byPhrases) filtered.set(sentences, (byPhrases = new Map()));
  const key = phrases.join('\u0000');
  let out = byPhrases.get(key);
  if (!out) {
    if (byPhrases.size > 1000) byPhrases.clear();
    byPhrases.set(key, (out = sentences.filter((s) => !mentionsAny(s, phrases))));
  }
  return out;
}
