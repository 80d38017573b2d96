import { endIndex, type Unit } from './structure.js';
import { pointsBack } from './structure/refers-back.js';
import { sentenceKind } from './structure/sentence-kind.js';

/**
 * Where the emotional passage goes: right after the complaint it is about, at the end of the story of that
 * complaint (before the turn to background), never after a sentence telling of treatment, relief or a plan
 * (a plea from a patient whose pain has settled, a reassurance plea after a drug was offered), and, where the
 * opening tells of care under way (a transfusion, an operation) with no complaint yet, not before the problem
 * the story later tells of. Where no such place exists the case is ineligible (null).
 */

/** A unit that reports a finding (measurement, examination, test) or holds a lab table: what the history runs up to. */
export function isFinding(u: Unit): boolean {
  return u.parts.some((p) => p.kind === 'table-line' || sentenceKind(p.text) !== 'history');
}

/** A sentence that carries on from the one before it: an added sentence in between would cut it off. */
const CARRIES_ON = new RegExp(
  String.raw`^\s*["'“‘(]?(?:in addition|additionally|also|furthermore|moreover|besides|as well|likewise|similarly|again|and|but|or|nor|so|yet|` +
    String.raw`plus|then|however|though|although)\b|^\s*\S+\s+(?:\S+\s+)?also\b`,
  'i',
);
/** A leading pronoun: after a sentence about the parent or the relative it would point at them, not at the patient. */
const PRONOUN = /^\s*["'“‘(]?(?:he|she|his|her|him|they|their|them|it|its)\b/i;
/** Where the story turns from the presenting complaint to background (past history, drugs, family, social): a natural pause. */
const TURN = new RegExp(
  String.raw`^\s*(?:(?:(?:his|her|the patient's|the patient’s)\s+)?(?:past|prior|previous)?\s*(?:medical|surgical|family|social|birth|obstetric|` +
    String.raw`developmental|vaccination|immunization|medication|travel|sexual)\s+history\b|(?:he|she|the patient) (?:has|had) (?:a|an|` +
    String.raw`no) (?:\w+ ){0,3}(?:history|past)\b|(?:he|she|the patient) (?:was|is) (?:previously|otherwise) (?:healthy|well)\b|(?:he|she|` +
    String.raw`the patient) (?:takes|is taking|does not take|takes no|is on no|uses|smokes|does not smoke|has smoked|drinks|does not drink|` +
    String.raw`denies (?:smoking|alcohol|tobacco|drug|illicit)|works|lives|is sexually|was born)\b|(?:his|her|the patient's|` +
    String.raw`the patient’s) (?:medications?|only medication|current medications|mother|father|parents?|brother|sister|family|vaccinations?|` +
    String.raw`immunizations?)\b|(?:current )?medications? (?:include|are)\b|(?:there is )?(?:a |no )(?:\w+ )?(?:family|medical|past) history\b|` +
    String.raw`(?:family|past medical|medical|social) history (?:is|was|includes)\b|(?:he|she) (?:has|` +
    String.raw`had) (?:no )?(?:known )?(?:allergies|drug allergies)\b)`,
  'i',
);

/** Care given, relief or a plan: what the patient feels about the complaint has moved on after it. */
const CARED = new RegExp(
  String.raw`\b(?:settled|subsided|resolved|relieved|improved|eased|abated|went away|disappeared|(?:was|were|is|are|has been|have been) given|` +
    String.raw`received|receives|(?:was|is|has been) (?:treated|started|prescribed|admitted|scheduled|intubated|resuscitated)|treated with|` +
    String.raw`prescrib\w*|offers?|offered|recommend\w*|plans? to|planned|administered|underwent|undergoes|transfused)\b`,
  'i',
);
/** An opening about care under way, with no complaint yet: the problem comes later in the story. */
const CARE_OPENING = new RegExp(
  String.raw`\b(?:is|was) (?:receiving|undergoing|being (?:treated|transfused|monitored))\b|\bpost-?operative day\b|` +
    String.raw`\b(?:is|was) admitted for (?:an? )?(?:elective|planned|scheduled)\b|` +
    String.raw`\bduring (?:an? |his |her )?(?:\w+ )?(?:surgery|operation|procedure|transfusion|infusion)\b`,
  'i',
);
/** A sentence where a new problem starts. */
const ONSET =
  /\b(?:develops?|developed|becomes?|became|complains? of|complained of|reports?|reported|notices?|noticed|starts? to|started to|begins? to|began to)\b/i;

/**
 * The unit the passage follows, or null. `named`: the opening names a complaint. Never before a sentence that
 * carries on from the one before it, nor — for a parent or relative narrator — before a sentence that opens on a
 * pronoun (it would point at them); where the complaint's story runs to the findings and every place in it is so
 * barred, just before the findings.
 */
export function place(us: readonly Unit[], narratorIsNotPatient: boolean, named: boolean): number | null {
  const end = endIndex(us);
  // The history told after the opening: units 1..history, up to the first finding.
  let history = 0;
  while (history + 1 < end && !isFinding(us[history + 1])) history++;
  // Nothing after care given, relief or a plan.
  let last = history;
  for (let i = 1; i <= history; i++)
    if (CARED.test(us[i].text)) {
      last = i - 1;
      break;
    }
  // Care under way and no complaint yet: the passage follows the sentence where the problem starts.
  let from = 0;
  if (!named && CARE_OPENING.test(us[0]?.text ?? '')) {
    from = us.findIndex((u, i) => i > 0 && i <= last && ONSET.test(u.text));
    if (from < 0) return null;
  }
  const open = (g: number) => openAt(us, g, end, narratorIsNotPatient);
  // The complaint's story ends where the story turns to background, else where the history (before care) ends.
  let story = from;
  while (story < last && !TURN.test(us[story + 1].parts[0]?.text ?? us[story + 1].text)) story++;
  for (let g = story; g >= from; g--) if (open(g)) return g;
  // Nowhere open: where the history before care ends (just before the findings), where a leading "Her …" is plainly the patient's.
  return last >= from && !us[last].trailsWithTable && !pointsBack(us[last + 1]?.text ?? '') ? last : null;
}

/**
 * Whether a passage may follow unit g: not inside a table, not before a sentence that leans back (or, for a narrator
 * other than the patient, opens on a pronoun).
 */
function openAt(us: readonly Unit[], g: number, end: number, narratorIsNotPatient: boolean): boolean {
  if (us[g].trailsWithTable) return false;
  const next = us[g + 1];
  if (!next || g + 1 >= end) return true;
  const first = next.parts[0]?.text ?? next.text;
  // Nor before a sentence pointing back at a span the story set up ("… during this time").
  if (CARRIES_ON.test(first) || pointsBack(next.text)) return false;
  return !(narratorIsNotPatient && PRONOUN.test(first));
}

/** The complaint has eased: pressure about it stops there. */
const RELIEF = /\b(?:settled|subsided|resolved|relieved|improved|improves|eased|abated|went away|disappeared)\b/i;
/** The patient can no longer speak (sedated, intubated, unconscious): a patient who tells the story falls silent there. */
const SILENCED = new RegExp(
  String.raw`\b(?:intubat\w*|sedat\w*|unresponsive|unconscious|loses consciousness|lost consciousness|comatose|obtunded|` +
    String.raw`an(?:a)?esthe\w*|cardiac arrest|(?:taken|brought) to (?:the )?(?:operating|theatre)|undergoes surgery|seizures?)\b`,
  'i',
);

/** A place for a later passage: after unit `at`, before dose 1's passage, in the history after it, among examination findings, or after a test result. */
export interface LaterPlace {
  at: number;
  kind: 'before' | 'history' | 'exam' | 'result';
  /** Care, a drug or a plan has been told before it: no more asking for help. */
  cared?: boolean;
}

/**
 * Where later passages (doses above 1) may go: open places in the complaint's story before the first passage at `after`,
 * and after it every open place to the end of the story
 * (never inside a table, before a sentence that leans back, or after one that introduces a list), up to where the
 * complaint eases or, for a patient who speaks, where the patient can no longer speak. Each place says what precedes it
 * (a result the speaker could not know, care given), so that only fitting lines follow.
 */
export function laterPlaces(us: readonly Unit[], after: number, narratorIsNotPatient: boolean): LaterPlace[] {
  const end = endIndex(us);
  // Before dose 1's passage: the complaint's own story, where it is open.
  const out: LaterPlace[] = [];
  for (let g = 0; g < after; g++) if (!/:\s*$/.test(us[g].text) && openAt(us, g, end, narratorIsNotPatient)) out.push({ at: g, kind: 'before' });
  let tested = false;
  let cared = false;
  for (let g = after + 1; g < end; g++) {
    const u = us[g];
    if (RELIEF.test(u.text) || (!narratorIsNotPatient && SILENCED.test(u.text))) break;
    cared ||= CARED.test(u.text);
    tested ||= u.parts.some((p) => p.kind !== 'sentence' || sentenceKind(p.text) === 'test');
    if (/:\s*$/.test(u.text) || !openAt(us, g, end, narratorIsNotPatient)) continue;
    out.push({ at: g, kind: tested ? 'result' : isFinding(u) ? 'exam' : 'history', cared });
  }
  return out;
}
