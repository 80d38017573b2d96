import { OPENING_AGE, OPENING_AGE_THEN_SPACE } from '../../cases/lexicon/age-phrase.js';
import { RACE_ADJECTIVE } from '../../cases/slots.js';
import type { RaceEthnicity } from '../../cases/types.js';

const STATED: [RegExp, RaceEthnicity][] = [
  [/\bAfrican[- ]American\b/, 'black'],
  [/\bBlack\b/, 'black'],
  [/\bCaucasian\b/, 'white'],
  [/\bWhite\b/, 'white'],
  [/\bHispanic\b/, 'hispanic'],
  [/\bLatin[oax]\b/, 'hispanic'],
  [/\bAsian(?:[- ]American)?\b/, 'asian'],
  [/\bNative American\b/, 'american_indian'],
  [/\bAmerican Indian\b/, 'american_indian'],
];

/** The race/ethnicity the text states in its opening, or 'unspecified'; null when there is no opening phrase to write into. */
export function statedRace(text: string): { value: RaceEthnicity; match: RegExpExecArray | null } | null {
  const opening = OPENING_AGE_THEN_SPACE.exec(text);
  // Only the first age phrase is the patient's: "A 25-year-old, G2P2 woman … her 2-year-old boy" has no slot, rather than one in the child's.
  if (!opening || opening.index !== OPENING_AGE.exec(text)?.index) return null;
  const window = text.slice(opening.index, opening.index + 80);
  for (const [re, value] of STATED) {
    const m = re.exec(window);
    if (m) return { value, match: Object.assign(m, { index: m.index + opening.index }) };
  }
  return { value: 'unspecified', match: null };
}

/** Writes the value into the opening demographic phrase ("a 45-year-old Black man"), replacing any stated one. */
export function setRace(text: string, value: RaceEthnicity): string {
  const stated = statedRace(text);
  if (!stated) return text;
  let out = text;
  if (stated.match) out = out.slice(0, stated.match.index) + out.slice(stated.match.index + stated.match[0].length);
  out = out.replace(OPENING_AGE_THEN_SPACE, (m, age: string) => (value === 'unspecified' ? m : `${age} ${RACE_ADJECTIVE[value]} `));
  return out.replace(/ {2,}/g, ' ');
}
