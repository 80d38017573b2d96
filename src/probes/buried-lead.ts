import { headsExamination, jumpedOver, placeFor, sectionOf } from './buried-lead/place.js';
import { sharedSubject } from './buried-lead/same-subject.js';
import { patientSays } from './buried-lead/says.js';
import { splitFromContext } from './buried-lead/split.js';
import { decisiveUnit } from './decisive.js';
import { endIndex, joinUnits, units } from './structure.js';
import { sentenceKind } from './structure/sentence-kind.js';
import { brokenByMove, leftLeaning, movedSpan } from './structure/dangling.js';
import { DEFAULT_DOSES } from './dose.js';
import { questionType } from './question-type.js';
import type { Probe } from './types.js';

/**
 * The decisive finding told late: its unit (with what leans on it) moves from where it was to the last place
 * its section allows (history before the examination, a finding before the tests, a result last), with no
 * connective; everything else keeps its order and wording. A case where the move would be short, leave a
 * sentence leaning on it, or rest on a weak pick is ineligible: excluded and counted, never a silent no-op.
 */
export const buriedLead: Probe = {
  name: 'buried_lead',
  // 2: the decisive unit is weighed by what it says for the question type (decisive/weigh.ts), not by words shared with the gold;
  // it moves with what leans on it (structure/dangling.ts); connectives fit a result, an examination finding or a measurement.
  // 3: a result, examination finding or measurement told last takes no connective; only history takes a plain one ("Also,").
  // 4: no connective at all: history goes last among the history, a finding last among the findings; weak picks, short moves and
  // sentences left leaning on the moved one ("otherwise healthy", "while travelling") are ineligible.
  // 5: a pick not clearly ahead of every unit (a lab table too) is ineligible; an examination finding stays before the results;
  // a move never crosses a sentence about the same test or finding, nor takes the examination's lead-in away from it.
  // 6: a "no other …" / "the other …" sentence left before the moved unit makes the case ineligible (review round 11).
  version: 6,
  description: 'the decisive finding moved, with no connective, to the last place its section allows (history before the examination, results last)',
  // 2: also split from its section, told after everything else (buried-lead/split.ts); 4: also after the patient's vaguer,
  // mistaken perception of it, told in the history (buried-lead/says.ts).
  doses: DEFAULT_DOSES,
  apply(input, _seed, dose = 1) {
    const us = units(input.narrative);
    if (us.length < 2) return { ineligible: 'one-unit stem', detail: 'nothing to bury it under' };
    const kinds = us.map((u) => sentenceKind(u.parts.find((p) => p.kind === 'sentence')?.text ?? u.text));
    const decisive = decisiveUnit(
      us.map((u) => u.text),
      kinds,
      us.map((u) => u.parts.some((p) => p.kind === 'table-line')),
      input.case.redFlag,
      {
        gold: input.options[input.answer],
        others: Object.entries(input.options)
          .filter(([k]) => k !== input.answer)
          .map(([, v]) => v),
        type: questionType(input.question),
      },
    );
    if (decisive.index < 0) return { ineligible: 'no movable finding', detail: 'every unit after the opening holds a lab table' };
    if (decisive.index === 0)
      return { ineligible: 'decisive finding in the opening', detail: 'moving the opening would leave the story without its introduction' };
    // The finding moves with what it carries on from and what leans on it right after; nothing is left pointing at it.
    const span = movedSpan(us, decisive.index);
    if ('ineligible' in span) return span;
    // "Last" is the last place text can go: before a closing lab table or a trailing "…:" sentence.
    if (span.to >= endIndex(us) - 1) return { ineligible: 'decisive finding already last' };
    if (!decisive.confident) return { ineligible: 'no clear decisive finding', detail: 'the weighing found no unit that clearly stands out' };
    const broken = brokenByMove(us, span);
    if (broken) return broken;
    const run = us.slice(span.from, span.to + 1);
    const moved = { ...run[0], text: joinUnits(run, us) };
    const rest = us.filter((_, i) => i < span.from || i > span.to);
    // Placed, not glued on: the last history before the examination, the last finding before the tests, a result last.
    const at = placeFor(rest, span.from, sectionOf(us[decisive.index].text, kinds[decisive.index]));
    const jumped = jumpedOver(rest, span.from, at);
    if (!jumped) return { ineligible: 'decisive finding moves too little', detail: 'fewer than 3 sentences or 150 characters would follow it' };
    // A sentence the move jumps over that leans on the moved text ("otherwise healthy", "while travelling") would lose its antecedent.
    const lean = jumped.findIndex((u, k) => leftLeaning(u.text, moved.text, [...rest.slice(0, span.from), ...jumped.slice(0, k)].map((x) => x.text).join(' ')));
    if (lean >= 0) return { ineligible: 'a remaining sentence leans on the decisive finding', detail: jumped[lean].text.slice(0, 60) };
    // Told later, "Repeat blood cultures are negative" before "Her blood cultures are positive" reads as a contradiction.
    const same = jumped.find((u) => sharedSubject(moved.text, u.text));
    if (same) return { ineligible: 'decisive finding would cross a sentence about the same test or finding', detail: same.text.slice(0, 60) };
    // "Physical examination shows …" moved past the rest of the examination would leave it without its lead-in.
    const headless = headsExamination(moved.text) && jumped.find((u) => sectionOf(u.text) === 'examination');
    if (headless) return { ineligible: 'decisive finding heads the examination', detail: headless.text.slice(0, 60) };
    const narrative = joinUnits([...rest.slice(0, at), moved.text, ...rest.slice(at)], us);
    const changes = { moved: { from: span.from, to: span.to, decisive: decisive.index, text: moved.text, source: decisive.source }, aside: '' };
    const told = (text: string, more: object) => ({
      narrative: text,
      question: input.question,
      options: input.options,
      answer: input.answer,
      changes: { ...changes, ...more },
    });
    if (dose === 1) return told(narrative, {});
    const split = splitFromContext(us, rest, at, moved);
    if ('ineligible' in split) return split;
    const past = { dose, split: { past: split.past } };
    if (dose === 2) return told(split.narrative, past);
    const says = patientSays(split.list, us, us[decisive.index].text, moved.text, input.profile);
    if ('ineligible' in says) return says;
    return told(says.narrative, { ...past, says: says.says });
  },
};
