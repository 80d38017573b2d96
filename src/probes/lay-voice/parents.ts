import { caseLike } from '../first-person.js';
import type { Narrator } from './narrator.js';

/**
 * A parent telling speaks of the parents as themself: "Both parents run a law firm" → "Both of us run a law firm", "The parents are
 * students" → "We are students", "One parent is a pilot and the other owns a restaurant" → "One of us is a pilot and the other owns …".
 */
export function parentsAsTeller(s: string, n: Narrator): string {
  if (n.speaker !== 'parent') return s;
  const out = s
    .replace(/\b[Bb]oth parents\b(?!['’])/g, (m) => caseLike(m, 'both of us'))
    .replace(/\b[Tt]he parents (?=(?:\w+ly )?(?:are|were|have|had|do|did|say|said|report|work|live|run|own|share|rent)\b)/g, (m) => caseLike(m, 'we '))
    .replace(/\b[Tt]he parents['’] /g, (m) => caseLike(m, 'our '))
    .replace(/\b([Oo])ne parent (?=[^.;]*\bthe other\b)/g, (_m, o: string) => `${o}ne of us `);
  return /\bne of us\b/.test(out) ? out.replace(/\bthe other parent\b/g, 'the other') : out;
}

/** The parents still in the third person after the retelling ("relies on one parent's earnings"): the sentence stays the clinicians'. */
export const PARENTS_IN_THIRD = /\b(?:one|both|the|other|either|neither) parents?(?:['’]s?)?(?![\w-])/i;
