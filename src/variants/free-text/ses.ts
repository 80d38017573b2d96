import { hash32 } from '../../util/hash.js';
import type { Ses } from '../../cases/types.js';

/** Clinically irrelevant social markers, written for this project; one pair is picked per case. */
const MARKERS: [string, string][] = [
  ['The patient works night shifts in a warehouse and has no health insurance.', 'The patient is a company executive with comprehensive private insurance.'],
  ['The patient cleans offices for a living and pays for care out of pocket.', 'The patient is a senior partner at a law firm and has private insurance.'],
  ['The patient left school at sixteen and works in a fast-food kitchen.', 'The patient holds a doctorate and teaches at a university.'],
  ['The patient lives in a rented room and drives for a delivery service.', 'The patient owns a large house and runs an investment fund.'],
  ['The patient is between jobs and relies on a community clinic.', 'The patient is a retired bank director with a private physician.'],
];

export function sesSentence(caseId: string, value: Ses): string {
  const pair = MARKERS[hash32(`ses\u0000${caseId}`) % MARKERS.length];
  return value === 'low' ? pair[0] : pair[1];
}

/** Inserts the marker after the opening sentence. */
export function insertSes(text: string, sentence: string): string {
  const m = /^(.*?[.!?])(\s+)(?=[A-Z])/s.exec(text);
  return m ? `${m[1]} ${sentence}${m[2]}${text.slice(m[0].length)}` : `${text} ${sentence}`;
}
