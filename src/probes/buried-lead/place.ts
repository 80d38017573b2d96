import type { Unit } from '../structure.js';
import { endIndex } from '../structure.js';
import { sentenceKind, type SentenceKind } from '../structure/sentence-kind.js';

/** Told by or about a person ("She says …", "He developed …"): history, whatever test it names. */
// "missed her scan", "declined screening", "has had no ultrasound": history, though a test is named (review round 10).
const PAST = new RegExp(
  String.raw`\b(?:history|reports?|says|states|denies|complains|mentions|tells|calls|feels|notices|noticed|developed|concerned|` +
    String.raw`worried|at home|takes|uses|missed|declined|has had no)\b`,
  'i',
);
/** Care planned or suggested ("Adrenalectomy is planned", "A colleague suggests …"): the closing history a finding goes before. */
export const PLAN = /\b(?:suggests?|recommends?|plans?|planned|prepared|scheduled|considers?|suspects?|has been (?:ordered|sent|started|given))\b/i;
const PERSON_FIRST = /^(?:she|he|they|the patient(?!['’]s)|(?:his|her) (?:mother|father|wife|husband|partner|parents|daughter|son))\b/i;

/**
 * Findings the sentence classifier leaves as history ("There are bruises over the face", "The right knee is swollen",
 * "Kernig and Brudzinski signs are present", "He appears fatigued"): charted with the examination. Reviewers found a
 * finding placed after them wedged inside another body region's examination.
 */
const FOUND = new RegExp(
  String.raw`^there (?:is|are)\b(?!.*\b(?:history|illness|famil\w*)\b)|\b(?:swollen|swelling|bruis\w*|lacerations?|` +
    String.raw`(?:appears?|looks?) \w+|(?:signs?|reflex(?:es)?|tests?) (?:is|are) (?:present|positive|absent|negative)|is (?:shorter|longer) than)\b`,
  'i',
);

/** Where a unit belongs in a note: history, then the examination (with the vital signs), then the tests. */
export type Section = 'history' | 'examination' | 'test';

/** The section a unit's text belongs to: its sentence kind, but history when a person tells it ("She says a home test …"). */
export function sectionOf(text: string, kind: SentenceKind = sentenceKind(text)): Section {
  if ((PAST.test(text) && PERSON_FIRST.test(text)) || PLAN.test(text)) return 'history';
  if (kind === 'history') return FOUND.test(text) ? 'examination' : 'history';
  return kind === 'test' ? 'test' : 'examination';
}

/** The examination's lead-in with no body region ("Physical examination shows …", "On examination, …"): what follows leans on it. */
const EXAM_HEADER = new RegExp(
  String.raw`^(?:(?:on|upon) (?:physical )?exam(?:ination)?\b|` +
    String.raw`(?:a |the )?(?:physical )?exam(?:ination)? (?:shows|showed|reveals|revealed|is (?:notable|significant|remarkable) for))`,
  'i',
);
export const headsExamination = (text: string) => EXAM_HEADER.test(text.trimStart());

/** Sentences in a stretch of text (a table line counts as one). */
const sentences = (t: string) => t.split(/(?<=[.!?])\s+|\n+/).filter((s) => s.trim()).length;

/** How far a buried finding must travel, in sentences and in characters: reviewers found a move past two sentences buries nothing. */
export const MIN_SENTENCES = 3;
export const MIN_CHARS = 150;

/**
 * Where in `rest` (the units left when the moved run is taken out at `from`) the run goes, with no connective, so it
 * reads as placed rather than glued on: history as the last history before the examination or tests that follow it,
 * an examination finding after the last one before any result, a result after the last result (before any closing
 * history such as a plan),
 * never under a table row nor past a trailing "…:" sentence. Reviewers found "Also," / "Additionally," splices of
 * history after the results read as afterthoughts.
 */
export function placeFor(rest: readonly Unit[], from: number, section: Section): number {
  const history = section === 'history';
  let at = from;
  for (let i = from; i < endIndex(rest); i++) {
    const u = rest[i];
    const s = sectionOf(u.parts.find((p) => p.kind === 'sentence')?.text ?? u.text);
    // History stops at the first finding; a finding goes after the last one, never under a table row.
    if (history && (s !== 'history' || u.parts.some((p) => p.kind === 'table-line'))) break;
    // An examination finding stays among the examination findings: never past a result (review round 10).
    if (section === 'examination' && (s === 'test' || u.parts.some((p) => p.kind === 'table-line'))) break;
    if (u.parts[u.parts.length - 1]?.kind === 'table-line') continue;
    if (section === 'examination' ? s === 'examination' : (s === 'history') === history) at = i + 1;
  }
  return at;
}

/** The text the run travels past, when it is far enough to bury anything; null when it is not. */
export function jumpedOver(rest: readonly Unit[], from: number, at: number): Unit[] | null {
  const jumped = rest.slice(from, at);
  const text = jumped.map((u) => u.text).join(' ');
  return sentences(text) >= MIN_SENTENCES && text.length >= MIN_CHARS ? jumped : null;
}
