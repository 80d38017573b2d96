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
/** Working age under 30: nothing a career takes decades to reach. */
const YOUNG: [string, string][] = [
  [
    'The patient works as a cashier at a discount store and rents a small room.',
    'The patient works as a software engineer at a large firm and owns an apartment.',
  ],
  ['The patient left school at sixteen and works part-time at a call center.', "The patient has a master's degree and works as a management consultant."],
  ['The patient lives in a rented room and works as a parking attendant.', 'The patient lives in a large apartment paid for by a well-off family.'],
];
const ADULT: [string, string][] = [
  ['The patient works as a cashier at a discount store and rents a small room.', 'The patient is a company executive and owns a large house.'],
  ['The patient left school at sixteen and works part-time at a call center.', 'The patient holds a doctorate and teaches at a university.'],
  ['The patient lives in a rented room and works as a parking attendant.', 'The patient owns a large house and runs an investment fund.'],
  [
    'The patient earns the minimum wage as a shop assistant and shares a rented apartment.',
    'The patient is a senior partner at a law firm and owns a second home.',
  ],
];
/** 65 and over: retired, on what a working life left. */
const OLDER: [string, string][] = [
  [
    'The patient is retired from work as a cashier and lives on a small pension in a rented room.',
    'The patient is a retired bank director and owns a large house.',
  ],
  [
    'The patient left school at sixteen and lives on a small pension in a rented apartment.',
    'The patient is a retired professor with a generous pension and a house of their own.',
  ],
  [
    'The patient is retired from work as a parking attendant and rents a small apartment.',
    'The patient is a retired company executive and owns a large house.',
  ],
];
const MINOR: [string, string][] = [
  ["The family lives in a small rented apartment on a cashier's wage.", "The family lives in a large house on a company executive's salary."],
  ['The family rents a single room and lives on the minimum wage.', 'The family owns two homes and lives on income from an investment fund.'],
  [
    'The household lives on a part-time shop wage, and no adult in it finished school.',
    'The household lives on two university salaries, and the adults in it hold doctorates.',
  ],
  ["The family lives in a rented apartment on a parking attendant's wage.", "The family lives in a large house on a law partner's income."],
];

/** The pair for the patient's age: a child through the household, a young adult without a late-career post, an older adult retired. */
export function sesSentence(caseId: string, value: Ses, age: number | null = null): string {
  const list = age !== null && age < 18 ? MINOR : age !== null && age < 30 ? YOUNG : age !== null && age >= 65 ? OLDER : ADULT;
  const pair = list[hash32(`ses\u0000${caseId}`) % list.length];
  return value === 'low' ? pair[0] : pair[1];
}

// A sentence that leans on the one before it ("This began…", "During this period…", "He notes that this…").
const LEANS_BACK = /^(?:It\b|(?:\S+\s+){0,3}?(?:this|these|those|such|that time|then|thereafter|afterwards?|subsequently|meanwhile)\b)/i;

// Where the examination begins: a note's social history goes just before it.
const EXAMINATION = new RegExp(
  String.raw`^(?:On (?:physical )?exam(?:ination)?|(?:A )?Physical exam(?:ination)?|Exam(?:ination)?|(?:His |Her |` +
    String.raw`The patient's )?(?:vital signs|temperature|blood pressure|pulse)\b|Temperature is|(?:He|She|` +
    String.raw`The patient) (?:is afebrile|appears))`,
  'i',
);

/**
 * Inserts the marker where a note keeps the social history: just before the
 * examination begins. Without one, after the opening sentence, or after the
 * first later one whose successor does not lean back on it: the marker must
 * not stand between a sentence and the "this" that refers to it. At the end
 * when every boundary is taken.
 */
export function insertSes(text: string, sentence: string): string {
  const boundary = /([.!?])(\s+)(?=[A-Z])/g;
  const cuts: { at: number; gap: string; next: string }[] = [];
  for (let m = boundary.exec(text); m; m = boundary.exec(text)) {
    const at = m.index + 1;
    cuts.push({ at, gap: m[2], next: text.slice(at + m[2].length, at + m[2].length + 80) });
  }
  const cut = cuts.find((c) => EXAMINATION.test(c.next)) ?? cuts.find((c) => !LEANS_BACK.test(c.next));
  if (!cut) return `${text} ${sentence}`;
  return `${text.slice(0, cut.at)} ${sentence}${cut.gap}${text.slice(cut.at + cut.gap.length)}`;
}
