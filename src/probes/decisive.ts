import { goldWeights, isBackground, weigh } from './decisive/weigh.js';
import type { QuestionType } from './question-type.js';
import type { SentenceKind } from './structure/sentence-kind.js';

/** The least weight a free-text pick needs (a specific or abnormal finding of the right kind), and its lead over the next unit. */
export const MIN_WEIGHT = 3.5;
// Review round 10: picks that led by half a point or tied (a generic sign against a lab panel or a culture) were the wrong finding.
export const MIN_MARGIN = 1;
/** The extra lead needed over a strong finding (weighing at least MIN_WEIGHT) that comes after the pick and would stay in place. */
export const LATER_MARGIN = 1;

/**
 * The unit holding the decisive finding. A slotted case names it (redFlag).
 * For free text: among the units after the opening that hold no lab table (a
 * table is no "detail" to drop in passing), the one that weighs most as the
 * clue for this type of question (`decisive/weigh.ts`: a specific, abnormal
 * examination or test finding or a history that pins the cause, words only
 * the gold option holds; not vital signs, a normal finding or care given),
 * nearest the end on a tie; `confident` only when it weighs enough and clearly more than any other unit, a lab table included.
 */
export function decisiveUnit(
  unitTexts: readonly string[],
  kinds: readonly SentenceKind[],
  hasTable: readonly boolean[],
  redFlag: string | undefined,
  options: { gold: string; others: readonly string[]; type: QuestionType },
): { index: number; source: 'redFlag' | 'heuristic'; confident: boolean } {
  if (redFlag) {
    const i = unitTexts.findIndex((s) => s.includes(redFlag));
    if (i >= 0) return { index: i, source: 'redFlag', confident: true };
  }
  const gold = goldWeights(options.gold, options.others);
  // The opening never moves nor competes; a lab table cannot move, but it competes: a panel may be the clue the question turns on.
  const scores = unitTexts.map((t, i) => (i === 0 && unitTexts.length > 1 ? Number.NEGATIVE_INFINITY : weigh(t, kinds[i], options.type, gold)));
  let best = -1;
  scores.forEach((score, i) => {
    if (!hasTable[i] && score > Number.NEGATIVE_INFINITY && (best < 0 || score >= scores[best])) best = i;
  });
  if (best < 0) return { index: -1, source: 'heuristic', confident: false };
  // Its lead over every other unit, and a larger one over a strong finding told after it (a culture or panel after a generic sign).
  const lead = Math.min(...scores.map((s, i) => (i === best ? Number.POSITIVE_INFINITY : scores[best] - s - (i > best && s >= MIN_WEIGHT ? LATER_MARGIN : 0))));
  // A weak winner, or one not clearly ahead, is a guess: reviewers found comorbidity lists, background and generic signs moved
  // (nuchal rigidity, hyperreflexia) while the decisive culture or lab panel stayed.
  const confident = scores[best] >= MIN_WEIGHT && lead >= MIN_MARGIN && best > 0 && !isBackground(unitTexts[best]);
  return { index: best, source: 'heuristic', confident };
}
