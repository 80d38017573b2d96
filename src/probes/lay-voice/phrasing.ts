import type { Sex } from '../first-person.js';

/**
 * Phrasing both tellings share (told-by-patient.ts, told-by-relative.ts): the
 * clinician's line that introduces the teller, the text's references to the
 * patient, and small word helpers.
 */

/** Ends the clinician's line that introduces the teller ("A 41-year-old woman, in her own words: "); the caller removes it. */
export const TELLS = '\u0001';

/** "A 41-year-old American Indian woman with diabetes": the case's own noun phrase, as the line that introduces the story. */
export function teller(np: string, trailing: string): string {
  const t = trailing ? `${trailing.startsWith(',') ? '' : ' '}${trailing.replace(/,$/, '')}` : '';
  return cap(`${np}${t}`);
}

export const possessive = (sex: Sex | null) => (sex === 'male' ? 'his' : sex === 'female' ? 'her' : 'their');

export const PATIENT_REF =
  /\b(?:the|this)\s+(patient|man|woman|boy|girl|child|infant|baby|newborn|neonate|toddler|gentleman|lady|adolescent|teenager)(['’]s)?\b/gi;
export const BEING_SEEN = /^is (evaluated|seen|examined|assessed|reviewed)\b/;

export const article = (next: string) => (/^(?:[aeiou]|8|11-|18-)/i.test(next) ? 'an' : 'a');
import { upperFirst as cap } from '../../util/english.js';
export { cap };
