import type { Term } from '../util/nlp-terms.js';

/** Word lists for the agreement of verbs in a list shared with "I" (first-person.ts). */

const words = (list: string) => new RegExp(`^(?:${list.trim().split(/\s+/).join('|')})$`, 'i');
// Plurals a list of complaints holds as nouns ("fever, chills and sweats"): verbs only before what a verb takes ("sweats at night" stays).
export const LIST_NOUNS = words(`chills sweats cramps aches pains bruises hives shakes rigors spasms twitches itches rashes burns cuts scratches sneezes
  hiccups falls stools sores blisters lumps bumps swells stings bites feeds naps snacks visits checks tests scans shots drops pills doses puffs
  patches spells flashes floaters attacks bouts wheezes`);
/** What follows a verb and never a noun of a complaint list: "coughs when …", "drinks no alcohol", "feels immediately relieved". */
export const TAKES_OBJECT = words(
  'a an the no my our his her their some any every all little much more most several when whenever while if up out off down away me us him them it',
);
// "chills occasionally", "sweats daily": how often the complaint comes, not the verb's adverb.
export const FREQUENCY = words('occasionally sometimes often daily nightly weekly too also again now then lately recently initially first');
/** Third-person forms that are no noun a list could hold. */
export const VERB_ONLY = words(`feels says complains reports denies takes becomes seems gets makes goes needs wants states notes notices describes avoids
  enjoys prefers tends misses keeps finds loses wakes tires vomits coughs`);

/** "my right eyelid has", "the pain improves": a present verb after a noun phrase the determiner opens starts that noun's clause. */
export function newSubject(terms: Term[], i: number, lower: string): boolean {
  if (!(/^(?:is|has|does|was)$/.test(lower) || (terms[i].tags.includes('PresentTense') && /[^s]s$/.test(lower)))) return false;
  const prev = terms[i - 1];
  if (!prev?.tags.includes('Noun') || prev.tags.includes('Pronoun') || /[,;:]/.test(prev.post)) return false;
  for (let k = i - 2; k >= Math.max(0, i - 4); k--) {
    if (/[,;:]/.test(terms[k].post)) return false;
    if (/^(?:my|the|this|that|these|his|her|its|our|their)$/i.test(terms[k].text)) return true;
  }
  return false;
}
