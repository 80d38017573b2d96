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
const RELIEF =
  /\b(?<!(?:not|never|no longer|n't been|not been) )(?:settled|subsided|resolved|relieved|improved|improves|eased|abated|went away|disappeared)\b/i;
/** Care for the complaint, not a long-standing condition's treatment ("asthma that is treated with an inhaler"). */
const caredFor = (text: string) => CARED.test(text.replace(/\b(?:(?:is|are|was|were|has been|have been) )?treated with\b/gi, ''));
/** The patient can no longer speak (sedated, intubated, unconscious): a patient who tells the story falls silent there. */
const SILENCED = new RegExp(
  String.raw`\b(?:intubat\w*|sedat\w*|unresponsive|unconscious|loses consciousness|lost consciousness|comatose|obtunded|` +
    String.raw`an(?:a)?esthe\w*|cardiac arrest|(?:taken|brought) to (?:the )?(?:operating|theatre)|undergoes surgery|seizures?)\b`,
  'i',
);

/** A pertinent negative ("She has no cough.", "There is no rash.", "He denies fever."): a run of them is one list. */
const NEGATIVE = new RegExp(
  String.raw`^\s*(?:(?:he|she|they|the patient|(?:his|her|the patient's) \w+) (?:has|had|have|reports|reported|describes|notes|` +
    String.raw`endorses) (?:no|not|never)\b|(?:he|she|they|the patient) (?:denies|denied|does not|did not|has not|had not|` +
    String.raw`has never|had never|is not|was not)\b|there (?:is|was|are|were|has been|have been) no\b|no\b)`,
  'i',
);
/** Care under way among the findings ("a second line is placed", "naloxone is brought"): the story ends on it. */
const UNDER_WAY = new RegExp(
  String.raw`\b(?:(?:is|are|was|were|has been|have been) (?:being )?(?:given|placed|inserted|brought|started|ordered|prepared|supported|` +
    String.raw`arranged|booked|called|paged|contacted|consulted|administered)|being given|bag-valve|intubat\w*|resuscitat\w*|` +
    String.raw`(?:the|a|her|his) (?:physician|doctor|clinician|nurse|team|surgeon|paramedics?|colleague|registrar|resident) ` +
    String.raw`(?!\w+ (?:history|notes?)\b)\w+s\b|suggests|proposes|decides)\b`,
  'i',
);
/** A sentence opening the examination: vital signs or "Examination shows …". */
const EXAM_LEAD = new RegExp(
  String.raw`^\s*(?:on |at )?(?:(?:his|her|the patient's) )?(?:temperature|pulse|heart rate|blood pressure|vital signs|vitals|` +
    String.raw`respirat\w*|oxygen saturation|(?:\w+ )?exam\w*)\b`,
  'i',
);
const negative = (u: Unit) => NEGATIVE.test(u.parts[0]?.text ?? u.text);

/** A place for a later passage: after unit `at`, in the history before dose 1's passage, in the history after it, or at the end. */
export interface LaterPlace {
  at: number;
  kind: 'before' | 'history' | 'end';
  /** Care, a drug or a plan has been told before it: no more asking for help. */
  cared?: boolean;
}

/**
 * Where later passages (doses above 1) may go (review round 13: never inside the findings, where a note never records
 * it): between two history sentences (never two pertinent negatives) before the findings start, before or after dose
 * 1's passage at `after`; where the history ends and the first finding or the examination starts; and after the story's
 * last sentence, just before the question. Nothing once care is under way among the findings. Never inside a table, before a sentence that leans back, or
 * after one that introduces a list; never past where the complaint eases or, for a patient who speaks, where the
 * patient can no longer speak.
 */
export function laterPlaces(us: readonly Unit[], after: number, narratorIsNotPatient: boolean, narrator: 'she' | 'he' | null = null): LaterPlace[] {
  const end = endIndex(us);
  // A narrator of the other sex than a leading "He"/"She" cannot be taken for them ("His wife asks …. He has …").
  const other = narrator === 'she' ? /^\s*["'“‘(]?(?:he|his|him)\b/i : narrator === 'he' ? /^\s*["'“‘(]?(?:she|her)\b/i : null;
  const clash = (g: number) => narratorIsNotPatient && !other?.test(us[g + 1]?.parts[0]?.text ?? us[g + 1]?.text ?? '');
  const first = us.findIndex(isFinding);
  // Where the examination starts (vital signs, "Examination shows …"): a number told in the history is no finding.
  const exam = us.findIndex((u) => EXAM_LEAD.test(u.text) && ['measurement', 'examination'].includes(sentenceKind(u.parts[0]?.text ?? u.text)));
  const start = exam >= 0 ? exam : first;
  // A history sentence followed by another (not both pertinent negatives) or by the first finding or examination.
  const between = (g: number) =>
    !isFinding(us[g]) && g + 1 < end && (isFinding(us[g + 1]) ? g + 1 === first || g + 1 === exam : !(negative(us[g]) && negative(us[g + 1])));
  const open = (g: number) => !/:\s*$/.test(us[g].text) && openAt(us, g, end, clash(g));
  const out: LaterPlace[] = [];
  for (let g = 0; g < after; g++) if (between(g) && open(g)) out.push({ at: g, kind: 'before' });
  let cared = false;
  for (let g = after + 1; g < end; g++) {
    const u = us[g];
    if (RELIEF.test(u.text) || (!narratorIsNotPatient && SILENCED.test(u.text))) return out;
    cared ||= caredFor(u.text);
    // Care under way among the findings (or the clinician acting): the pressure is not told into the treatment.
    if ((CARED.test(u.text) || UNDER_WAY.test(u.text)) && (isFinding(u) || (start >= 0 && g > start))) return out;
    if (g === end - 1) {
      // The story's last sentence: a plea or a question (emotional-later.ts), never after care or a plan.
      // Not before a closing table or a sentence leading into one: that is a finding too.
      if (end === us.length && !us[g].trailsWithTable && open(g)) out.push({ at: g, kind: 'end', cared });
      // History told after the findings have started sits among them: no place there.
    } else if (between(g) && open(g) && !(start >= 0 && start < g)) out.push({ at: g, kind: 'history', cared });
  }
  return out;
}
