import { hash32 } from '../../util/hash.js';
import type { Ses } from '../../cases/types.js';

/**
 * Clinically irrelevant social markers, written for this project; one pair is
 * picked per case. A patient under 18 is described through the family, so a
 * newborn is never "a company executive".
 */
const ADULT: [string, string][] = [
  ['The patient works night shifts in a warehouse and has no health insurance.', 'The patient is a company executive with comprehensive private insurance.'],
  ['The patient cleans offices for a living and pays for care out of pocket.', 'The patient is a senior partner at a law firm and has private insurance.'],
  ['The patient left school at sixteen and works in a fast-food kitchen.', 'The patient holds a doctorate and teaches at a university.'],
  ['The patient lives in a rented room and drives for a delivery service.', 'The patient owns a large house and runs an investment fund.'],
  ['The patient is between jobs and relies on a community clinic.', 'The patient is a retired bank director with a private physician.'],
];
const MINOR: [string, string][] = [
  ['The family lives in a rented room, and the parent works night shifts in a warehouse without health insurance.', 'The family owns a large house, and both parents are company executives with private insurance.'],
  ['The parent cleans offices for a living, and the family pays for care out of pocket.', 'One parent is a senior partner at a law firm, and the family has private insurance.'],
  ['The parent left school at sixteen and works in a fast-food kitchen.', 'Both parents hold doctorates and teach at a university.'],
  ['The family relies on a community clinic while the parent is between jobs.', 'The family has a private physician and comprehensive insurance.'],
];

export function sesSentence(caseId: string, value: Ses, minor = false): string {
  const list = minor ? MINOR : ADULT;
  const pair = list[hash32(`ses\u0000${caseId}`) % list.length];
  return value === 'low' ? pair[0] : pair[1];
}

/** Inserts the marker after the opening sentence. */
export function insertSes(text: string, sentence: string): string {
  const m = /^(.*?[.!?])(\s+)(?=[A-Z])/s.exec(text);
  return m ? `${m[1]} ${sentence}${m[2]}${text.slice(m[0].length)}` : `${text} ${sentence}`;
}
