import { endIndex, joinUnits, type Unit } from '../structure.js';
import { CARE, leftLeaning } from '../structure/dangling.js';
import type { Ineligible } from '../types.js';
import { headsExamination, PLAN, sectionOf } from './place.js';
import { sharedSubject } from './same-subject.js';

/** Told after care, a plan, an admission or a death, a finding would read as found later (or after the patient died). */
const AFTER_EVENT = /\b(?:(?:is|are|was|were) (?:admitted|transferred|discharged|taken to|intubated)|dies|died|expired|pronounced dead|autopsy)\b/i;

/**
 * "He takes no other medicines" told before a moved result: "other" sets the medicines apart from those named earlier, not
 * from the moved text. Dose 1's check counts any "no other" as leaning; here only one whose noun the moved text names does.
 */
const OTHER_NOUN = /\b(?:no|the|any) other ([a-z]+)/gi;
function leansOn(jumped: string, moved: string, before: string): boolean {
  const stem = (w: string) => w.toLowerCase().replace(/(?:es|s)$/, '');
  const named = new Set((moved.match(/[a-z]+/gi) ?? []).map(stem));
  const other = [...jumped.matchAll(OTHER_NOUN)];
  if (other.some((m) => named.has(stem(m[1])))) return true;
  return leftLeaning(jumped.replace(OTHER_NOUN, '$1'), moved, before);
}

/** Dose 2's list of units and text: dose 1's moved text (verbatim) told after everything else, past what its section kept after it. */
export interface Split {
  list: (Unit | string)[];
  narrative: string;
  /** The units the dose-2 move adds to dose 1's: the rest of the narrative its section kept after it. */
  past: string[];
}

/**
 * Dose 2: the decisive text leaves its section and goes where dose 1's rules kept it from: after everything else (before a
 * closing lab table or "…:" sentence only), so an examination finding follows the results and a result follows the closing
 * history. Every check dose 1 makes on what it jumps over is made on the extra stretch too; a case where dose 1 already put it
 * there, or where the extra stretch holds care, a plan or an event in time, is ineligible at this dose.
 */
export function splitFromContext(us: readonly Unit[], rest: readonly Unit[], at: number, moved: Unit): Split | Ineligible {
  const end = endIndex(rest);
  if (at >= end) return { ineligible: 'decisive finding already after everything else', detail: 'nothing left to split it from' };
  if (rest[end - 1].trailsWithTable) return { ineligible: 'decisive finding would go under a lab table row' };
  const extra = rest.slice(at, end);
  const event = extra.find((u) => AFTER_EVENT.test(u.text) || CARE.test(u.text) || PLAN.test(u.text));
  if (event) return { ineligible: 'decisive finding would follow care, a plan or an event', detail: event.text.slice(0, 60) };
  const lean = extra.findIndex((u, k) => leansOn(u.text, moved.text, [...rest.slice(0, at), ...extra.slice(0, k)].map((x) => x.text).join(' ')));
  if (lean >= 0) return { ineligible: 'a remaining sentence leans on the decisive finding', detail: extra[lean].text.slice(0, 60) };
  const same = extra.find((u) => sharedSubject(moved.text, u.text));
  if (same) return { ineligible: 'decisive finding would cross a sentence about the same test or finding', detail: same.text.slice(0, 60) };
  const headless = headsExamination(moved.text) && extra.find((u) => sectionOf(u.text) === 'examination');
  if (headless) return { ineligible: 'decisive finding heads the examination', detail: headless.text.slice(0, 60) };
  const list = [...rest.slice(0, end), moved.text, ...rest.slice(end)];
  return { list, narrative: joinUnits(list, us), past: extra.map((u) => u.text) };
}
