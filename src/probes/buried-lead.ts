import { fill } from './banks.js';
import { asidesFor } from './buried-lead/asides.js';
import { decisiveUnit } from './decisive.js';
import { Rng } from '../util/rng.js';
import { lowerFirst } from '../util/english.js';
import { endIndex, joinUnits, units } from './structure.js';
import { sentenceKind } from './structure/sentence-kind.js';
import { brokenByMove, movedSpan } from './structure/dangling.js';
import { questionType } from './question-type.js';
import type { Probe } from './types.js';

/**
 * The decisive finding told last, as an offhand aside: its unit (with any
 * table or back-referring sentences it carries) moves from where it was to the
 * end, introduced by an aside; everything else keeps its order and wording.
 * A case whose decisive finding is already last, or whose story is one unit,
 * is ineligible: excluded and counted, never a silent no-op.
 */
export const buriedLead: Probe = {
  name: 'buried_lead',
  // 2: the decisive unit is weighed by what it says for the question type (decisive/weigh.ts), not by words shared with the gold;
  // it moves with what leans on it (structure/dangling.ts); connectives fit a result, an examination finding or a measurement.
  // 3: a result, examination finding or measurement told last takes no connective; only history takes a plain one ("Also,").
  version: 3,
  description: 'the decisive finding moved from where it was to the end, with no connective, or a plain one ("Also, …") for history',
  apply(input, seed) {
    const rng = new Rng(seed, input.case.id, 'buried_lead');
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
    const broken = brokenByMove(us, span);
    if (broken) return broken;
    const run = us.slice(span.from, span.to + 1);
    const moved = { ...run[0], text: joinUnits(run, us) };
    // A unit that opens with a bare table label takes a colon aside on a line of its own: nothing is glued to a table row.
    const labelFirst = moved.parts[0]?.kind !== 'sentence' && !/[:.!?]$/.test(moved.parts[0]?.text.trim() ?? '');
    const rest = us.filter((_, i) => i < span.from || i > span.to);
    const asides = asidesFor(moved.text, kinds[span.from], input.profile, labelFirst);
    // A result or finding told last needs no connective; history after the results takes a plain one ("Also, she works …").
    const aside = asides.length ? fill(rng.pick(asides).text, input.profile) : '';
    // lowerFirst keeps a lone capital (it may be a name); the article "A" before a lower-case word is no name.
    const body = !aside ? moved.text : lowerFirst(moved.text).replace(/^A(?= [a-z0-9])/, 'a');
    const at = endIndex(rest);
    const narrative = joinUnits([...rest.slice(0, at), aside ? `${aside} ${body}` : body, ...rest.slice(at)], us);
    return {
      narrative,
      question: input.question,
      options: input.options,
      answer: input.answer,
      changes: { moved: { from: span.from, to: span.to, decisive: decisive.index, text: moved.text, source: decisive.source }, aside },
    };
  },
};
