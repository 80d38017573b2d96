import { PAIRS, PRONOUNS, SPOUSES, TITLES_FEMALE, TITLES_MALE, titleRe, wordRe, type SexValue } from '../../cases/lexicon/sex-words.js';
import { matchCase, OBJECT_HER_FOLLOWERS } from '../../util/english.js';

/** Patient-describing kinship: "a 30-year-old mother of two", "a 6-year-old son". */
const KIN_PATTERNS: [RegExp, string, string][] = [
  [/(\b(?:a|an|old)\s+(?:[\w-]+\s+)?)(father|mother)(\s+of\b)/gi, 'father', 'mother'],
  [/(\b\d+-(?:year|month|week|day)-old\s+(?:\w+\s+)?)(son|daughter)\b()/gi, 'son', 'daughter'],
  [/(\b\d+-(?:year|month|week|day)-old\s+(?:\w+\s+)?)(brother|sister)\b()/gi, 'brother', 'sister'],
];

// Like wordRe, but an "ex-" prefix is allowed: an ex-wife follows the patient too.
const partnerRe = (words: string[]) => new RegExp(`(?<![A-Za-zé])(?<!(?<!\\bex)-)(${words.join('|')})(?![A-Za-zé-])`, 'gi');

/** How a case's pronouns are swapped, read once from its whole text. */
export interface SexSwapPlan {
  /**
   * The pronouns of the other sex all belong to the patient's partner, so
   * they swap too (his wife's "she" becomes her husband's "he").
   */
  partnerPronouns: boolean;
}

// People of one sex other than the patient and the partner: their pronouns would be ambiguous with the partner's.
const OTHER_PEOPLE: Record<SexValue, RegExp[]> = {
  male: [/\b(?:father|dad|brother|son|uncle|grandfather|grandson|nephew|stepfather|man|men|boys?|gentleman|males?)\b/i, titleRe(TITLES_MALE)],
  female: [/\b(?:mother|mom|mum|sister|daughter|aunt|grandmother|granddaughter|niece|stepmother|woman|women|girls?|lady|females?)\b/i, titleRe(TITLES_FEMALE)],
};
const SPOUSE_OF: Record<SexValue, string[]> = { male: SPOUSES.map((p) => p[0]), female: SPOUSES.map((p) => p[1]) };
const KIN = String.raw`mother|father|sister|brother|son|daughter|aunt|uncle|cousin|friend|grandmother|grandfather|niece|nephew|neighbor|neighbour|roommate`;

/**
 * Whether the case's pronouns can be swapped safely. The partner follows the
 * patient; when the partner's pronouns cannot be told apart from another
 * person's of the same sex ("his wife ... his mother ... she"), or a partner
 * word belongs to someone else ("her son's wife"), the reason is returned
 * and the case is left out rather than half swapped.
 */
export function sexSwapPlan(text: string, from: SexValue): SexSwapPlan | { undetermined: string } {
  const other: SexValue = from === 'male' ? 'female' : 'male';
  const spouseRe = partnerRe([...SPOUSE_OF.male, ...SPOUSE_OF.female]);
  for (const m of text.matchAll(spouseRe)) {
    const kin = new RegExp(String.raw`\b(${KIN})(?:'s|’s)\s+(?:(?:ex-|former|new|late)\s*)?$`, 'i').exec(text.slice(Math.max(0, m.index - 30), m.index));
    if (kin) return { undetermined: `"${kin[1]}'s ${m[0]}" is not the patient's partner` };
  }
  const partnerOther = partnerRe(SPOUSE_OF[other]).test(text);
  const otherPronouns = wordRe(PRONOUNS[other]).test(text);
  if (!partnerOther || !otherPronouns) return { partnerPronouns: false };
  const rival = OTHER_PEOPLE[other].map((re) => new RegExp(re.source, re.flags.replace('g', '')).exec(text)).find(Boolean);
  if (rival) return { undetermined: `"${rival[0]}" and the patient's partner are both referred to by ${PRONOUNS[other].slice(0, 2).join('/')}` };
  return { partnerPronouns: true };
}

// In "sexually active with women", "has sex with men", "male partners" the partner's sex follows the patient.
const SEXUAL_CONTEXT = /\b(sex|sexual\w*|intercourse|partners?)\b/i;
const PARTNER_NOUN = /^(?:\s+(?:sexual\s+)?partners?)\b/i;
const WITH_BEFORE = /\bwith\s+(?:(?:a|an|multiple|several|many|other|\d+|one|two|three|four|five|both|and|or|male|female|men|women)\s+)*$/i;

function sentenceAround(text: string, index: number): string {
  const start = text.lastIndexOf('.', index) + 1;
  const end = text.indexOf('.', index);
  return text.slice(start, end === -1 ? undefined : end);
}

/**
 * Rewrites a free-text vignette as if the patient were of the other sex:
 * nouns and titles for the patient, pronouns (her → his or him by the next
 * word), the partner (his wife → her husband, with her pronouns when the plan
 * says they are hers), a sexual partner's sex, and patient-describing kinship
 * words. `plan` comes from the case's whole text (sexSwapPlan); without one
 * it is read from this text.
 */
export function swapSex(text: string, to: SexValue, plan?: SexSwapPlan): string {
  const from: SexValue = to === 'male' ? 'female' : 'male';
  const p = plan ?? orDefault(sexSwapPlan(text, from));
  const idx = from === 'male' ? 0 : 1;
  let out = text;
  for (const [re, male, female] of KIN_PATTERNS) {
    out = out.replace(re, (_m, pre: string, word: string, post: string) => {
      const target = word.toLowerCase() === (from === 'male' ? male : female) ? (to === 'male' ? male : female) : word;
      return `${pre}${matchCase(word, target)}${post}`;
    });
  }
  const nouns = new Map<string, string>(PAIRS.map((pair) => [pair[idx], pair[1 - idx]]));
  const partnerNouns = new Map<string, string>(PAIRS.map((pair) => [pair[1 - idx], pair[idx]]));
  const spouses = new Map<string, string>(
    SPOUSES.flatMap(
      ([m, f]) =>
        [
          [m, f],
          [f, m],
        ] as [string, string][],
    ),
  );
  const words = [...nouns.keys(), ...partnerNouns.keys(), ...spouses.keys()].sort((a, b) => b.length - a.length);
  out = out.replace(partnerRe(words), (m, _w: string, offset: number, whole: string) => {
    const w = m.toLowerCase();
    if (spouses.has(w)) return matchCase(m, spouses.get(w)!);
    if (whole[offset - 1] === '-') return m;
    if (nouns.has(w)) return matchCase(m, nouns.get(w)!);
    // A word of the other sex is someone else, unless it names the patient's sexual partners.
    const sexual = SEXUAL_CONTEXT.test(sentenceAround(whole, offset));
    const partner = PARTNER_NOUN.test(whole.slice(offset + m.length)) || (sexual && WITH_BEFORE.test(whole.slice(Math.max(0, offset - 60), offset)));
    return sexual && partner ? matchCase(m, partnerNouns.get(w)!) : m;
  });
  if (from === 'male') out = out.replace(/(?<![A-Za-z])Mr\.(?![A-Za-z])/g, 'Ms.');
  else out = out.replace(/(?<![A-Za-z])(Mrs\.|Ms\.|Miss)(?![A-Za-z])/g, 'Mr.');
  const flip = new Set<SexValue>(p.partnerPronouns ? ['male', 'female'] : [from]);
  // The next word is looked at, not consumed, so "told her he" swaps both.
  return out.replace(
    /\b(he|him|his|himself|she|her|hers|herself)\b(?=(?:\s+([A-Za-z0-9'-]+))?)/gi,
    (m, _w: string, next: string | undefined, offset: number, whole: string) => {
      const w = m.toLowerCase();
      const sex: SexValue = PRONOUNS.male.includes(w) ? 'male' : 'female';
      if (!flip.has(sex)) return m;
      const atEnd = /^\s*(?:[.,;:!?)]|$)/.test(whole.slice(offset + m.length));
      return matchCase(m, oppositePronoun(w, next, atEnd));
    },
  );
}

function orDefault(plan: SexSwapPlan | { undetermined: string }): SexSwapPlan {
  return 'undetermined' in plan ? { partnerPronouns: false } : plan;
}

/** he ↔ she, him → her, his → her/hers, her → his/him by the next word. */
function oppositePronoun(w: string, next: string | undefined, atEnd: boolean): string {
  switch (w) {
    case 'he':
      return 'she';
    case 'she':
      return 'he';
    case 'him':
      return 'her';
    case 'himself':
      return 'herself';
    case 'herself':
      return 'himself';
    case 'hers':
      return 'his';
    case 'his':
      return atEnd ? 'hers' : 'her';
    default:
      return !next || OBJECT_HER_FOLLOWERS.test(next) ? 'him' : 'his';
  }
}
