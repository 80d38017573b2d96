import type { Unit } from '../structure.js';
import type { Ineligible } from '../types.js';

/**
 * What moving a unit far away would leave dangling (buried_lead). refers-back.ts
 * joins a sentence to the one it leans on when units are cut; these are the
 * looser ties reviewers still found broken after a move: a unit opening on
 * what was just said ("On further questioning, …"), and a
 * later sentence naming a thing only the moved unit introduced ("the nodule",
 * "this lesion", "these findings").
 */

/**
 * Openers that carry on from the sentence just before: more of the same questioning or
 * examination ("On further questioning, …", "The remainder of the examination …").
 * "Repeat …", "Subsequent …" and "On reassessment …" lean on an earlier test or treatment,
 * which still comes before them after the move; dragging the sentence before them along
 * (often unrelated) read worse, so they move alone.
 */
const CARRIES_ON = new RegExp(
  String.raw`^(?:(?:on|upon|with) (?:further|additional|closer|more detailed)\s+(?:questioning|history|review|examination|` +
    String.raw`exam|inspection)|further (?:questioning|history|review)|(?:the )?(?:remainder|rest) of|otherwise|again|` +
    String.raw`when (?:asked|questioned)|additional (?:history|questioning))\b`,
  'i',
);

/** A unit that opens by carrying on from the one before it; a connective in front changes nothing. */
export function carriesOn(unitText: string): boolean {
  const s = unitText.trimStart().replace(/^(?:also|in addition|additionally|and|but|so),?\s+/i, '');
  return CARRIES_ON.test(s);
}

/** Nouns too common to tell whether a thing was introduced ("the patient", "the left"). */
const COMMON = new Set(
  (
    'patient patients physician doctor team emergency department hospital clinic office time following next same past left right ' +
    'other first last second third remainder rest examination exam history family mother father parents child infant baby ' +
    'woman man girl boy morning evening night week month year day days weeks months years hours minutes start end area side ' +
    'body skin blood most case condition pressure rate temperature pulse saturation level count results result tests test ' +
    'laboratory studies study ' +
    // The words after a noun phrase's head: verbs and links, not things.
    'shows show showed reveals revealed demonstrates demonstrated with from that this were have been into after before over ' +
    'under there which when where also does were made performed done given found noted seen heard'
  ).split(' '),
);
/** Words that sum up what was said ("these findings", "the above"): they lean on all of it. */
const SUMMING_UP = /\b(?:these|those|the above|such|all (?:of )?(?:these|the)) (?:findings|results|abnormalities|signs|features)\b|\bthe above\b/i;
/** "these conditions", "this drug": right after the moved unit, it points at what that unit said. */
const DEMONSTRATIVE = new RegExp(
  String.raw`\b(?:these|those|this|such)\s+(?!(?:morning|afternoon|evening|night|week|month|year|time|patient|man|woman|boy|girl|` +
    String.raw`child|infant|baby|visit|admission|point)\b)[a-z]+`,
  'i',
);
/** A definite noun phrase, its article and up to three words ("the thyroid nodule", "this lesion"). */
const DEFINITE = /\b(?:the|this|these|that|those|such|both)\s+((?:[a-z-]+\s+){0,2}[a-z-]+)/gi;

/** A thing brought in ("a thyroid nodule", "an erythematous rash", "two 3-cm masses"): what a later "the nodule" needs. */
const INDEFINITE = /\b(?:a|an|one|two|three|four|several|multiple|numerous|\d[\d.,]*-?\w*)\s+((?:[a-z-]+\s+){0,3}[a-z-]+)/gi;
const base = (w: string) => w.toLowerCase().replace(/(?:es|s)$/, '');
const words = (t: string) => new Set((t.toLowerCase().match(/[a-z]{4,}/g) ?? []).map(base));

/**
 * Whether `later` leans on `moved`: it sums up findings, points with "these …" at the unit right before it (`adjacent`), or names with a
 * definite article a thing `moved` brings in ("a nodule") and nothing `before` it mentions.
 */
export function refersInto(later: string, moved: string, before: string, adjacent = false): boolean {
  if (SUMMING_UP.test(later) || (adjacent && DEMONSTRATIVE.test(later))) return true;
  const inMoved = new Set([...moved.matchAll(INDEFINITE)].flatMap((m) => [...words(m[1])]));
  const inBefore = words(before);
  for (const m of later.matchAll(DEFINITE))
    for (const raw of m[1].toLowerCase().split(/\s+/)) {
      const w = base(raw);
      if (raw.length >= 4 && !COMMON.has(raw) && !COMMON.has(w) && inMoved.has(w) && !inBefore.has(w)) return true;
    }
  return false;
}

/** The moved text leans on an earlier sentence it may no longer follow ("further notes", "again", "another", "also shows"). */
// "otherwise well", "the same", "similar": true only of what came before; told late it would follow abnormal findings.
const LEANS_BACK = new RegExp(
  String.raw`\b(?:further (?:notes?|shows?|reveals?|demonstrates?)|again|another|otherwise|the same|similar(?:ly)?|` +
    String.raw`also (?:\w+ )?(?:notes?|shows?|reveals?|found|noted|has|had|is|are))\b`,
  'i',
);
/** A unit opening on a shift in time ("One year later, …", "The next day …"): the story's order from there on is its chronology. */
const TIME_SHIFT = new RegExp(
  String.raw`^(?:(?:\w+|\d+) (?:hours?|days?|weeks?|months?|years?) (?:later|after|following)|later|subsequently|the (?:next|following) (?:day|morning|week)|` +
    String.raw`(?:after|over|within) (?:the next |\d+|one|two|three|several|a few)|at (?:the |a |her |his )?follow-up|on (?:day|the \w+ day)\b|` +
    // Care that changes the story's time: what was found before the operation may not be told after it.
    String.raw`during (?:the|her|his) (?:procedure|operation|surgery|delivery)|(?:in the )?(?:immediate )?post-?operative(?:ly)?\b|` +
    String.raw`after (?:the |her |his )?(?:surgery|procedure|operation|delivery)\b)`,
  'i',
);
/** Care given ("fluids are started", "after a bolus …"): never the decisive clue, never moved. */
export const CARE = new RegExp(
  String.raw`\b(?:(?:is|are|was|were) (?:started|begun|given|administered|initiated|resuscitated|treated)|after (?:a |the |an )?(?:\w+ )?` +
    String.raw`(?:bolus|fluids?|resuscitation|treatment|transfusion|dose)|(?:receives?|received) (?:a |an )?(?:\w+ )?(?:bolus|fluids?|dose))\b`,
  'i',
);
/** Things a test brings in ("the organism" after a culture, "the technician" after an ultrasound): a later one leans on the test. */
const TEST_THING = /\bthe (?:organism|isolate|specimen|sample|technician|sonographer|radiologist|pathologist|culture|images?)\b/i;
const TEST_WORD =
  /\b(?:cultur\w+|ultraso\w+|sonogra\w+|echocardiogra\w+|biops\w+|smear|stain\w*|aspirat\w+|radiograph\w*|x-rays?|CT|MRI|scan|swab|specimen|sample)\b/i;

/** Whether `later` names a thing that only the moved unit's test brought in ("The organism grows …" before any culture is named). */
export function leansOnTest(later: string, moved: string, before: string): boolean {
  return TEST_THING.test(later) && TEST_WORD.test(moved) && !TEST_WORD.test(before);
}

/**
 * The units that must move together when unit `index` moves to the end: the
 * units it carries on from (never the opening), and the units right after it
 * that lean on it. A later sentence that leans on it from further away, or a
 * lab table swept into the run, makes the move impossible: ineligible, with why.
 */
export function movedSpan(us: readonly Unit[], index: number): { from: number; to: number } | Ineligible {
  let from = index;
  while (carriesOn(us[from].text)) {
    if (from <= 1) return { ineligible: 'decisive finding carries on from the opening', detail: us[from].text.slice(0, 60) };
    from--;
  }
  let to = index;
  const text = (a: number, b: number) =>
    us
      .slice(a, b)
      .map((u) => u.text)
      .join(' ');
  for (let k = to + 1; k < us.length; k++) {
    const [moved, before] = [text(from, to + 1), `${text(0, from)} ${text(to + 1, k)}`];
    if (!refersInto(us[k].text, moved, before, k === to + 1) && !leansOnTest(us[k].text, moved, before)) continue;
    if (k > to + 1) return { ineligible: 'a later sentence refers back to the decisive finding', detail: us[k].text.slice(0, 60) };
    to = k;
  }
  // The unit itself may be a table (a slotted case's red flag); one swept along with it may not.
  if (us.slice(from, to + 1).some((u, k) => from + k !== index && u.parts.some((p) => p.kind === 'table-line')))
    return { ineligible: 'decisive finding tied to a lab table', detail: 'the sentences that go with it hold a table' };
  return { from, to };
}

/**
 * What moving the span to the end would break even with nothing left dangling: it leans on a sentence it may no longer
 * follow, the story shifts in time at or after it, or it is care given, not a finding.
 */
export function brokenByMove(us: readonly Unit[], span: { from: number; to: number }): Ineligible | null {
  const moved = us
    .slice(span.from, span.to + 1)
    .map((u) => u.text)
    .join(' ');
  if (LEANS_BACK.test(moved)) return { ineligible: 'decisive finding leans on an earlier sentence', detail: moved.slice(0, 60) };
  // Moved past "One year later, …" it would happen a year late; one that opens on its own time shift would jump ahead of what follows it.
  if (us.slice(span.from).some((u) => u.text.split(/(?<=[.!?])\s+/).some((t) => TIME_SHIFT.test(t.trimStart()))))
    return { ineligible: 'decisive finding tied to a time in the story', detail: 'a time shift at or after it would fall out of order' };
  if (CARE.test(moved)) return { ineligible: 'decisive unit describes care given', detail: moved.slice(0, 60) };
  return null;
}

/** Sentences that only make sense after a thing told before them: "otherwise healthy", "the same", a trip, an injury explained. */
// "The remainder of the examination is normal" told before the finding it excepts no longer has one.
const OTHERWISE = /\b(?:otherwise|the same|similar(?:ly)?|as well|apart from|except for|aside from|(?:the )?(?:remainder|rest) of)\b/i;
const ON_A_TRIP =
  /\b(?:while (?:travel\w*|abroad|away|there)|during (?:the|his|her|their|this) (?:trip|travel\w*|stay|visit)|on (?:the|his|her) (?:trip|return))\b/i;
const TRIP = /\b(?:trips?|travel\w*|visit\w*|vacation|holiday|abroad|returned from)\b/i;
const EXPLAINS_INJURY = /\b(?:fell|falls?|fallen|tripped|slipped|bumped|hit|struck|accident\w*|attribut\w+|explain\w*)\b/i;
const INJURY = /\b(?:bruis\w*|ecchymos\w*|fractur\w*|lacerat\w*|burns?|contusions?|injur\w*|swelling|hematomas?|abrasions?|wounds?)\b/i;
/** "There are no other visible defects" told before the defect: "other" points at what the move takes away (round 11). */
const OTHER = /\b(?:no|the|any) other\b/i;
/** "these X", "this X", "the X" whose X only the moved text names. */
const POINTS = /\b(?:these|those|this|such|the|his|her|their)\s+([a-z-]{5,})/gi;

/**
 * Whether a sentence the move jumps over (it stays before the moved text) leans on it: "She is otherwise healthy" after the
 * finding it excepts, "no other defects" or "the other eye" before it,
 * "denies seafood while travelling" before the trip, a caregiver's fall before the bruises it explains,
 * "this lesion" or "the trip" named first in the moved text. `before` is everything still told before the jumped sentence.
 */
export function leftLeaning(jumped: string, moved: string, before: string): boolean {
  if (OTHERWISE.test(jumped) || OTHER.test(jumped)) return true;
  if (ON_A_TRIP.test(jumped) && TRIP.test(moved) && !TRIP.test(before)) return true;
  if (EXPLAINS_INJURY.test(jumped) && INJURY.test(moved) && !INJURY.test(before)) return true;
  const inMoved = words(moved);
  const inBefore = words(before);
  for (const m of jumped.matchAll(POINTS)) {
    const w = base(m[1]);
    if (!COMMON.has(m[1].toLowerCase()) && !COMMON.has(w) && inMoved.has(w) && !inBefore.has(w)) return true;
  }
  return false;
}
