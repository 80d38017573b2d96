/**
 * The words that say a patient's sex. Case validation checks a slotted
 * vignette with them, the probes' patient profile and the sex counterfactual
 * read the patient's sex with them, and the swap rewrites them, so they live
 * below all three.
 */
export type SexValue = 'male' | 'female';

/**
 * Nouns that describe the patient and swap with the patient's sex (only those
 * of the patient's sex: in a man's case, "a woman" is someone else). Blood
 * relatives keep their sex: family history is a fact.
 */
export const PAIRS: [string, string][] = [
  ['man', 'woman'],
  ['men', 'women'],
  ['boy', 'girl'],
  ['boys', 'girls'],
  ['male', 'female'],
  ['males', 'females'],
  ['gentleman', 'lady'],
  ['gentlemen', 'ladies'],
  ['widower', 'widow'],
  ['manhood', 'womanhood'],
  ['boyhood', 'girlhood'],
  // Occupations and roles named by sex ("a 40-year-old businessman … her assistant" must not survive a swap).
  ...['business', 'sales', 'chair', 'police', 'sports', 'spokes', 'congress', 'crafts', 'fore', 'horse', 'fisher', 'country', 'church', 'trades'].flatMap(
    (stem): [string, string][] => [
      [`${stem}man`, `${stem}woman`],
      [`${stem}men`, `${stem}women`],
    ],
  ),
  ['schoolboy', 'schoolgirl'],
  ['schoolboys', 'schoolgirls'],
];
/** The patient's spouse or partner follows the patient, whichever sex they were. */
export const SPOUSES: [string, string][] = [
  ['husband', 'wife'],
  ['husbands', 'wives'],
  ['boyfriend', 'girlfriend'],
  ['boyfriends', 'girlfriends'],
  ['fiancé', 'fiancée'],
  ['fiance', 'fiancee'],
];
export const TITLES_MALE = ['Mr.'];
export const TITLES_FEMALE = ['Ms.', 'Mrs.', 'Miss'];

export const PRONOUNS: Record<SexValue, string[]> = { male: ['he', 'him', 'his', 'himself'], female: ['she', 'her', 'hers', 'herself'] };
const MALE_WORDS = [...PRONOUNS.male, ...PAIRS.map((p) => p[0])];
const FEMALE_WORDS = [...PRONOUNS.female, ...PAIRS.map((p) => p[1])];
export const wordRe = (words: string[], flags = 'gi') => new RegExp(`(?<![A-Za-z-])(${words.join('|')})(?![A-Za-z-])`, flags);
// Titles are case-sensitive: "ms." in "QRS 120 ms." is milliseconds, not a title.
export const titleRe = (titles: string[]) => new RegExp(`(?<![A-Za-z])(${titles.map((t) => t.replace('.', '\\.')).join('|')})(?![A-Za-z])`, 'g');
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
