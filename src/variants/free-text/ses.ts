import { hash32 } from '../../util/hash.js';
import type { Ses } from '../../cases/types.js';

/**
 * Social markers written for this project; one pair is picked per case. They
 * say work, schooling and housing only: no insurance or access to care (which
 * can rightly change management) and no job with a clinical exposure (cleaning
 * chemicals, night shifts, warehouses). A patient under 18 is described
 * through the household, never as the earner, and never by how many parents
 * it has (the story may say).
 */
const ADULT: [string, string][] = [
  ['The patient works as a cashier at a discount store and rents a small room.', 'The patient is a company executive and owns a large house.'],
  ['The patient left school at sixteen and works part-time at a call centre.', 'The patient holds a doctorate and teaches at a university.'],
  ['The patient lives in a rented room and works as a parking attendant.', 'The patient owns a large house and runs an investment fund.'],
  ['The patient earns the minimum wage as a shop assistant and shares a rented flat.', 'The patient is a senior partner at a law firm and owns a second home.'],
  ['The patient sells tickets at a cinema for the minimum wage and rents a small flat.', 'The patient is a retired bank director and owns a large house.'],
];
const MINOR: [string, string][] = [
  ['The family lives in a small rented flat on a cashier\'s wage.', 'The family lives in a large house on a company executive\'s salary.'],
  ['The family rents a single room and lives on the minimum wage.', 'The family owns two homes and lives on income from an investment fund.'],
  ['The household lives on a part-time shop wage, and no adult in it finished school.', 'The household lives on two university salaries, and the adults in it hold doctorates.'],
  ['The family lives in a rented flat on a parking attendant\'s wage.', 'The family lives in a large house on a law partner\'s income.'],
];

export function sesSentence(caseId: string, value: Ses, minor = false): string {
  const list = minor ? MINOR : ADULT;
  const pair = list[hash32(`ses\u0000${caseId}`) % list.length];
  return value === 'low' ? pair[0] : pair[1];
}

// A sentence that leans on the one before it ("This began…", "During this period…", "He notes that this…").
const LEANS_BACK = /^(?:It\b|(?:\S+\s+){0,3}?(?:this|these|those|such|that time|then|thereafter|afterwards?|subsequently|meanwhile)\b)/i;

/**
 * Inserts the marker after the opening sentence, or after the first later one
 * whose successor does not lean back on it: the marker must not stand between
 * a sentence and the "this" that refers to it. At the end when every boundary
 * is taken.
 */
export function insertSes(text: string, sentence: string): string {
  const boundary = /([.!?])(\s+)(?=[A-Z])/g;
  for (let m = boundary.exec(text); m; m = boundary.exec(text)) {
    const at = m.index + 1;
    if (LEANS_BACK.test(text.slice(at + m[2].length, at + m[2].length + 80))) continue;
    return `${text.slice(0, at)} ${sentence}${m[2]}${text.slice(at + m[2].length)}`;
  }
  return `${text} ${sentence}`;
}
