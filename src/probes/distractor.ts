import { upperFirst as cap } from '../util/english.js';
import { banks, fitting, names } from './banks.js';
import { extend, extraLength, MAX_THREADS, PER_PLACE, type Pick, take, TARGET } from './distractor-dose.js';
import { DEFAULT_DOSES } from './dose.js';
import { tellSegment, type Segment } from './distractor-voice.js';
import { pointsBack } from './structure/refers-back.js';
import { Rng } from '../util/rng.js';
import { mentionsAny, wordCount } from './text.js';
import { endIndex, joinUnits, units, type Unit } from './structure.js';
import { sentenceKind } from './structure/sentence-kind.js';
import { type Ineligible, nobodyToSpeak, nobodyWith, type Probe } from './types.js';
import { acuteState, type PatientProfile } from './profile.js';
import { unwell } from './breathless.js';
import { teller } from './teller.js';
import { psychiatric, reasonAt, SIGN_LIKE, underWay } from './distractor-scene.js';

/**
 * Narrative load: a talkative teller drifts, while the history is taken, into
 * one to three tangents, each a small coherent story on one topic (a cousin's
 * engagement, an uncle's telescope; in acute care or from a relative, a
 * practical matter such as the car or the forms), reported as the teller's own
 * talk: their words in quotes with a plain speech tag. Beats are taken in order from one thread until
 * the text is about twice as long, then from a second and a third, each told in
 * one passage; no two threads share a kin word or an object. Only threads that fit the patient's age, teller,
 * setting and how they came are used; nothing of the case is removed, edited or split (tables and
 * back-referring sentences stay whole); the opening unit stays first. Passages
 * come only between history units, before any finding, care given or question.
 * Doses 2 and 4 keep dose 1's passages and add further threads to about 2× and 4× extra length (distractor-dose.ts), at most two
 * passages a place; a patient telling a psychiatric presentation or during an event under way takes neither (distractor-scene.ts).
 */
export const distractor: Probe = {
  name: 'distractor',
  version: 6,
  description: 'a digressing narrator: one to three coherent tangents that fit the patient, told in a few places of the history; the text grows to about 2×',
  doses: DEFAULT_DOSES,
  apply(input, seed, dose = 1) {
    const nobody = nobodyToSpeak(input.profile, input.narrative);
    if (nobody) return nobody;
    const rng = new Rng(seed, input.case.id, 'distractor');
    const us = units(input.narrative);
    const optionTexts = Object.values(input.options);
    const patient = names(input.profile).patient;
    // In a parent's own words the patient is "the baby" or "my child".
    const spoken = patient === 'the child' ? 'my child' : patient;
    const fill = (b: string) => b.replaceAll('{patient}', spoken).replaceAll('{Patient}', cap(spoken));
    // An event under way (a delivery with ongoing bleeding, shock vitals, anaphylaxis) is acute wherever the story is set.
    const state = acuteState(input.narrative);
    // Too ill to chat though not in shock nor breathless (review round 10): chest pain under way, a systemic illness after surgery.
    const ill = state?.unstable ? null : unwell(input.narrative);
    const unstable = state?.unstable === true || ill !== null;
    const acute = input.profile.setting === 'emergency' || input.profile.setting === 'icu' || state !== null || ill !== null;
    // An unstable patient does not chat; only someone the story names with them can, and only a relative the story names is "with" them.
    const companion = input.profile.speaker === 'companion' || (unstable && input.profile.speaker === 'patient');
    const named = companion ? teller({ speaker: 'companion', sex: input.profile.sex }, input.narrative) : null;
    if (companion && !named) return nobodyWith(`${unstable ? 'unstable patient' : 'the patient cannot speak'}; the story names no one with them`);
    const profile: PatientProfile = companion ? { ...input.profile, speaker: 'companion' } : input.profile;
    // In acute care, and from a relative speaking for the patient, only practical matters (the car, keys, forms), not chat.
    const chatty = !acute && profile.speaker !== 'companion';
    const told = presumable(profile, input.narrative);
    const usable = fitting(banks().threads, profile).filter(
      (t) =>
        (t.presumes ?? []).every(told) &&
        !HINTS.test(t.beats.join(' ')) &&
        !t.beats.some((b) => mentionsAny(fill(b), optionTexts)) &&
        !mentionsAny(t.topic, optionTexts),
    );
    const chat = rng.shuffle(usable.filter((t) => !t.practical));
    const practical = rng.shuffle(usable.filter((t) => t.practical));
    const order = chatty ? [...chat, ...practical] : practical;
    const pick: Pick = { order, next: 0, taken: [], groups: new Set(), marks: new Set(), words: 0, fill };
    take(pick, TARGET * wordCount(input.narrative), MAX_THREADS);
    const taken = [...pick.taken];
    if (!taken.length) return { ineligible: 'no fitting distractor thread' };
    // Digressions come while the history is taken: after the opening or a history unit before the first finding, care
    // given or question, and never right before the question (its set-up may be the sentence before), in at most three places.
    // A sentence leaning on a pronoun may follow only the patient's own words: after the quote, "He …" is the teller again.
    const stop = us.findIndex((u, i) => i > 0 && (isFinding(u) || CARE.test(u.text) || u.text.includes('?')));
    const end = stop < 0 ? us.length - 1 : stop;
    const last = us.length - 1;
    const own = ownPronoun(profile);
    const anchored = (i: number) => i < us.length - 1 && own?.test(us[i + 1].text) === true;
    const open = (i: number) =>
      i < us.length - 1 &&
      !endsInTable(us[i]) &&
      (!LEANS_BACK.test(us[i + 1].text) || anchored(i)) &&
      !CONTINUES.test(us[i + 1].text) &&
      !pointsBack(us[i + 1].text);
    const history = us.map((_, i) => i).filter((i) => i < end && i < endIndex(us) - 1 && !(i === last - 1 && us[last].text.includes('?')) && open(i));
    if (!history.length) return { ineligible: 'no place in the history for a tangent' };
    const places = spread(history, MAX_PLACES);
    // One passage per thread: a thread split over two places needs a frame that names it again, and reviewers read those as stage joins.
    const segments: Segment[] = taken;
    const at = segments.length < places.length ? spread(places, segments.length) : places;
    const speaker = named?.name ?? names(profile).speaker;
    const ctx = { speaker, profile, acute, rng, used: new Set<string>() };
    const after = segments.map((_, i) => at[Math.floor((i * at.length) / segments.length)]);
    // None has the team at work before the arrival.
    const arrivesLater = (i: number) => us.slice(i + 1).some((u) => ARRIVAL.test(u.text));
    const inserted = segments.map((seg, i) => ({
      after: after[i],
      text: tellSegment({ ...seg, arrivesLater: arrivesLater(after[i]) }, ctx),
      thread: seg.thread.id,
      beats: seg.beats.length,
    }));
    if (dose > 1) {
      const why = heavier(profile, input.narrative);
      if (why) return why;
      // A stream of its own: dose 1's draws stay as they were.
      const more = { ...ctx, rng: new Rng(seed, input.case.id, 'distractor', 'dose'), used: new Set(ctx.used), more: true };
      pick.drop = SIGN_LIKE;
      const tell = (seg: Segment, i: number) => tellSegment({ ...seg, arrivesLater: arrivesLater(i) }, more);
      extend(pick, dose, wordCount(input.narrative), inserted, history, reasonAt(us), tell);
    }
    // Dose 1 may already hold three passages at one place (three threads, one place): a heavier dose would stack them.
    if (dose > 1 && inserted.some((x) => inserted.filter((y) => y.after === x.after).length > PER_PLACE))
      return { ineligible: 'passages would stack at one place' };
    const list = us.flatMap((u, i) => [u, ...inserted.filter((x) => x.after === i).map((x) => x.text)]);
    const narrative = joinUnits(list, us);
    const base = { narrative, question: input.question, options: input.options, answer: input.answer };
    if (dose === 1) return { ...base, changes: { inserted } };
    const { extra, short } = extraLength(input.narrative, narrative, dose);
    if (short) return { ineligible: `too few fitting threads for dose ${dose}` };
    return { ...base, changes: { inserted, dose, extra } };
  },
};

/** Why a case takes no heavier dose (review round 13), or null: only the patient's own talk is at issue. */
function heavier(p: PatientProfile, narrative: string): Ineligible | null {
  if (p.speaker !== 'patient') return null;
  const sign = psychiatric(narrative);
  if (sign) return { ineligible: 'tangents would read as a sign of the presentation', detail: sign };
  const event = underWay(narrative);
  return event ? { ineligible: 'the patient would chat at length during an event under way', detail: event } : null;
}

/** Carried in by others (an ambulance, "is brought"): the patient did not drive, nor walk in past the front desk. */
const BROUGHT = /\b(?:is|was|are|were|been|being) (?:brought|rushed|transported|carried|wheeled)\b|\bbrought in\b|\bambulance\b|\bparamedics?\b|\bEMS\b/i;
/** What a thread takes for granted about the teller must fit the story: a minor or a patient brought in did not drive. */
function presumable(p: PatientProfile, narrative: string): (what: string) => boolean {
  const brought = p.speaker === 'patient' && BROUGHT.test(narrative);
  const minor = p.speaker === 'patient' && p.ageYears !== null && p.ageYears < 18;
  // Keys, the house, bills, forms, cars and work are a householder's matters, not a minor's (review round 11: a 13-year-old's house keys).
  return (what) => (what === 'drove' ? !brought && !minor : what === 'came-in' ? !brought : what === 'householder' ? !minor : true);
}
/** A sentence that carries on the one before about the same complaint (its onset, then what provokes it; a diagnosis, then "He now …"). */
const CONTINUES = new RegExp(
  String.raw`^\s*(?:[\w-]+\s+){0,2}?(?:now|still|since|initially|subsequently|currently|again)\b|` +
    String.raw`^\s*(?:the|this|these|that|such) (?:[\w-]+ ){0,2}?(?:pain|ache|cough|rash|symptoms?|episodes?|attacks?|swelling|bleeding|` +
    String.raw`headaches?|lesions?|discharge|fever|vomiting|diarrh\w+|breathlessness|dyspn\w+|discomfort|weakness|numbness)\b|` +
    String.raw`^[^.?!]*\b(?:worse|worsens|worsened|better|improves|improved|relieved|aggravated|exacerbated|provoked|brought on|` +
    String.raw`precipitated|triggered|radiat\w*)\b`,
  'i',
);
/** The patient reaches the department later in the story ("Upon arrival to the ED he regains consciousness"). */
const ARRIVAL = /\b(?:up)?on (?:arrival|admission)|\barriv(?:es|ed|al)\b|\bis brought\b|\ben route\b/i;
const MAX_PLACES = 3;
/** Care the clinician gives or plans now ("She is started on …"): the history is over, a tangent there reads as her answer. */
const CARE = /\b(?:is|are) (?:given|started|prescribed|treated|administered|admitted|referred|intubated|scheduled|transferred|discharged)\b/i;
/** Remarks that hint at how serious the case is or where the patient will go (family updates, overnight bags, a gathering): a cue, not noise. */
const HINTS = new RegExp(
  String.raw`\b(updates?|clothes|things from home|overnight|visiting|take turns|always nearby|on the way|on (?:their|his|` +
    String.raw`her) way|keep (?:everyone|the family) company|stay(?:ing)? (?:nearby|close|with)|waiting for news|for news|` +
    String.raw`news (?:from|of)|be there soon|arrive shortly|coming (?:in|over|straight)|driving over|take over|` +
    String.raw`messages from the family|family members?|relatives|signed?|signing|consent)\b`,
  'i',
);
/** A sentence opening on a pronoun or a linking word leans on the one before it: a tangent about an aunt in between would capture its "she". */
const LEANS_BACK =
  /^\s*["'“]?(?:he|she|his|her|they|their|him|it|this|these|that|those|such|also|additionally|in addition|furthermore|moreover|however|but|and|then)\b/i;
/** The patient's own pronoun at a sentence's start, when the patient tells the story and their sex is known. */
function ownPronoun(p: PatientProfile): RegExp | null {
  if (p.speaker !== 'patient' || !p.sex) return null;
  return p.sex === 'male' ? /^\s*(?:he|his)\b/i : /^\s*(?:she|her)\b/i;
}

/** A passage under a table's last row reads as one more row. */
const endsInTable = (u: Unit) => u.parts[u.parts.length - 1]?.kind === 'table-line';

/** A unit that reports a finding (measurement, examination, test) or holds a lab table. */
const isFinding = (u: Unit) => u.parts.some((p) => p.kind === 'table-line' || (p.kind === 'sentence' && sentenceKind(p.text) !== 'history'));

/** Up to n items spread evenly over the list, first and last included. */
function spread<T>(xs: readonly T[], n: number): T[] {
  if (xs.length <= n) return [...xs];
  // One item is the first: a lone tangent comes early in the history.
  return Array.from({ length: n }, (_, k) => xs[Math.round((k * (xs.length - 1)) / Math.max(1, n - 1))]);
}
