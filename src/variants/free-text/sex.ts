import { matchCase, OBJECT_HER_FOLLOWERS } from '../../util/english.js';

export type SexValue = 'male' | 'female';

/**
 * Words that refer to the patient and always swap. Only the patient's sex
 * changes: other people keep theirs (his mother stays a mother, a husband stays
 * a husband, with the pronouns that refer to them), because rules cannot tell
 * reliably which pronoun refers to whom once both sides flip.
 */
const PAIRS: [string, string][] = [
  ['he', 'she'], ['himself', 'herself'], ['man', 'woman'], ['men', 'women'], ['boy', 'girl'], ['boys', 'girls'],
  ['male', 'female'], ['males', 'females'], ['gentleman', 'lady'], ['gentlemen', 'ladies'],
  ['widower', 'widow'], ['manhood', 'womanhood'], ['boyhood', 'girlhood'],
];
const TITLES_MALE = ['Mr.'];
const TITLES_FEMALE = ['Ms.', 'Mrs.', 'Miss'];

/** Patient-describing kinship: "a 30-year-old mother of two", "a 6-year-old son". */
const KIN_PATTERNS: [RegExp, string, string][] = [
  [/(\b(?:a|an|old)\s+(?:[\w-]+\s+)?)(father|mother)(\s+of\b)/gi, 'father', 'mother'],
  [/(\b\d+-(?:year|month|week|day)-old\s+(?:\w+\s+)?)(son|daughter)\b()/gi, 'son', 'daughter'],
  [/(\b\d+-(?:year|month|week|day)-old\s+(?:\w+\s+)?)(brother|sister)\b()/gi, 'brother', 'sister'],
];

const MALE_WORDS = ['he', 'him', 'his', ...PAIRS.slice(1).map((p) => p[0])];
const FEMALE_WORDS = ['she', 'her', 'hers', ...PAIRS.slice(1).map((p) => p[1])];
const wordRe = (words: string[]) => new RegExp(`(?<![A-Za-z-])(${words.join('|')})(?![A-Za-z-])`, 'gi');
// Titles are case-sensitive: "ms." in "QRS 120 ms." is milliseconds, not a title.
const titleRe = (titles: string[]) => new RegExp(`(?<![A-Za-z])(${titles.map((t) => t.replace('.', '\\.')).join('|')})(?![A-Za-z])`, 'g');
const MARKERS = {
  male: [wordRe(MALE_WORDS), titleRe(TITLES_MALE)],
  female: [wordRe(FEMALE_WORDS), titleRe(TITLES_FEMALE)],
} as const;

/** Markers of a sex still in the text: what must be empty after a swap away from it. */
export function sexMarkers(text: string, sex: SexValue): string[] {
  return MARKERS[sex].flatMap((re) => [...text.matchAll(re)].map((m) => m[0]));
}

/** The patient's sex by majority of markers; null when there are none or it is a tie. */
export function detectSex(text: string): SexValue | null {
  const m = sexMarkers(text, 'male').length;
  const f = sexMarkers(text, 'female').length;
  if (m === f) return null;
  return m > f ? 'male' : 'female';
}

/**
 * Rewrites a free-text vignette as if the patient were of the other sex:
 * nouns, titles, pronouns (her → his or him by the next word), spouse words
 * and patient-describing kinship words.
 */
export function swapSex(text: string, to: SexValue): string {
  const from: SexValue = to === 'male' ? 'female' : 'male';
  const idx = from === 'male' ? 0 : 1;
  const map = new Map<string, string>(PAIRS.map((p) => [p[idx], p[1 - idx]]));
  let out = text;
  for (const [re, male, female] of KIN_PATTERNS) {
    out = out.replace(re, (_m, pre: string, word: string, post: string) => {
      const target = word.toLowerCase() === (from === 'male' ? male : female) ? (to === 'male' ? male : female) : word;
      return `${pre}${matchCase(word, target)}${post}`;
    });
  }
  const words = [...map.keys()].filter((w) => w !== 'he' && w !== 'she');
  out = out.replace(new RegExp(`(?<![A-Za-z-])(${words.join('|')})(?![A-Za-z-])`, 'gi'), (m) => matchCase(m, map.get(m.toLowerCase())!));
  if (from === 'male') {
    out = out.replace(/(?<![A-Za-z])Mr\.(?![A-Za-z])/g, 'Ms.');
    out = out.replace(/\bhe\b/gi, (m) => matchCase(m, 'she'));
    out = out.replace(/\bhim\b/gi, (m) => matchCase(m, 'her'));
    out = out.replace(/\bhis\b(?=\s*[.,;:!?)]|\s*$)/gi, (m) => matchCase(m, 'hers'));
    out = out.replace(/\bhis\b/gi, (m) => matchCase(m, 'her'));
  } else {
    out = out.replace(/(?<![A-Za-z])(Mrs\.|Ms\.|Miss)(?![A-Za-z])/g, 'Mr.');
    out = out.replace(/\bshe\b/gi, (m) => matchCase(m, 'he'));
    out = out.replace(/\bhers\b/gi, (m) => matchCase(m, 'his'));
    out = out.replace(/\bher\b(\s+([A-Za-z0-9'-]+))?/gi, (m, tail: string | undefined, next: string | undefined) => {
      const objective = !next || OBJECT_HER_FOLLOWERS.test(next);
      return matchCase(m, objective ? 'him' : 'his') + (tail ?? '');
    });
  }
  return out;
}
