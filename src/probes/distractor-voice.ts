import { upperFirst as cap } from '../util/english.js';
import type { Thread } from './banks.js';
import type { PatientProfile } from './profile.js';
import type { Rng } from '../util/rng.js';

/** A run of beats from one thread, told in one place of the story. */
export interface Segment {
  thread: Thread;
  /** The beats, filled for this patient. */
  beats: string[];
  /** The thread was begun at an earlier place: the note comes back to it. */
  continued: boolean;
  /** The case text follows (not another tangent in the same place): the note marks the return to the history. */
  back: boolean;
  /** The next sentence of the case leans on the patient's pronoun: the return names the patient last. */
  anchor?: boolean;
  /** The passage follows the opening, before any history: no "partway through" or "between answers". */
  start?: boolean;
  /** The patient reaches the department later in the story: no team at work yet. */
  arrivesLater?: boolean;
}

// A clinician's note of a tangent: it says the narrator drifted, then gives the story's gist.
const OPEN = [
  'While giving the history, {subj} drifts onto {topic}.',
  'Partway through the history, {subj} spends some time on {topic}.',
  'Between answers, {subj} talks at some length about {topic}.',
  'At this point {subj} goes off on a tangent about {topic}.',
];
/** Right after the opening, before any history has been given. */
const OPEN_START = [
  'As {subj} starts to give the history, talk turns to {topic}.',
  'Before the history gets going, {subj} talks at some length about {topic}.',
];
const OPEN_START_PRACTICAL = ['As {subj} starts to give the history, {topic} comes up first.', 'Before the history gets going, {subj} brings up {topic}.'];
const NEXT = [
  'Later in the history, {subj} moves on to {topic}.',
  'Later, {subj} brings up {topic}.',
  '{Subj} also wanders onto {topic}.',
  'Another tangent follows, about {topic}.',
];
const AGAIN = [
  'Later, {subj} comes back to {again}.',
  '{Subj} returns to {again}.',
  'The talk drifts back to {again}.',
  '{Subj} has more to say about {again}.',
];
/** Practical matters are raised, not talked about at length. */
const OPEN_PRACTICAL = [
  'Between answers, {subj} brings up {topic}.',
  'While giving the history, {subj} stops to sort out {topic}.',
  'Partway through the history, {subj} turns to {topic}.',
];
const NEXT_PRACTICAL = ['{Subj} then turns to {topic}.', '{Subj} also raises {topic}.', 'Later, {subj} brings up {topic}.'];
/** A relative speaking for a patient who cannot, once the team is at work: they talk to whoever is free, not "give a history". */
const OPEN_BEDSIDE = ['While the team works, {subj} tells a nurse about {topic}.', 'While the team works, {subj} brings up {topic} with a nurse.'];
/**
 * The return to the history, named by a noun: "He then returns to the questions" after a thread about an uncle reads as the uncle.
 * Those naming the narrator may stand before the case's next "He …" (the patient narrates); the others may not.
 */
const BACK_NAMED = [
  'With that, {name} comes back to the questions.',
  'Asked again, {name} picks up the history.',
  'Steered back, {name} goes on with the history.',
  '{Name} then answers the next question.',
];
/** Someone in a thread's beats other than the narrator, whom a "he" or "she" could be read as. */
const OTHER_PERSON = new RegExp(
  String.raw`\b(?:friends?|cousins?|uncles?|aunts?|godparents?|grandparents?|neighbou?rs?|people|couple|conductor|members?|winner|` +
    String.raw`guests?|owner|driver|mender|nobody|someone|anyone|everyone)\b`,
  'i',
);
const BACK_PLAIN = ['The history then goes on.', 'The questions pick up from there.', 'From there the history resumes.'];

export interface TellContext {
  /** How the narrator is first named ("the patient", "his wife"). */
  speaker: string;
  profile: PatientProfile;
  /** An emergency, intensive care or an event under way: practical frames only, the team at the bedside. */
  acute: boolean;
  rng: Rng;
  /** Frames already used in this variant, and whether the narrator has been named. */
  used: Set<string>;
}

/** One passage of the record: a frame naming the tangent (the narrator named once per variant, then by pronoun), its beats, the return. */
export function tellSegment(seg: Segment, ctx: TellContext): string {
  const p = ctx.profile;
  const pronoun = p.speaker === 'patient' ? (p.sex === 'male' ? 'he' : p.sex === 'female' ? 'she' : null) : null;
  const short = ctx.speaker.replace(/ with (?:the patient|him|her)$/, '');
  const named = ctx.used.has('named');
  const subj = named ? (pronoun ?? short) : ctx.speaker;
  const practical = seg.thread.practical === true;
  const frames = seg.continued
    ? AGAIN
    : !named
      ? seg.start
        ? practical
          ? OPEN_START_PRACTICAL
          : OPEN_START
        : ctx.acute && p.speaker === 'companion' && !seg.arrivesLater
          ? OPEN_BEDSIDE
          : practical
            ? OPEN_PRACTICAL
            : OPEN
      : practical
        ? NEXT_PRACTICAL
        : NEXT;
  // The first passage must name the narrator: a frame without a subject cannot open the record.
  const usable = frames.filter((f) => named || f.includes('subj}'));
  const fresh = usable.filter((f) => !ctx.used.has(f));
  const frame = ctx.rng.pick(fresh.length ? fresh : usable);
  ctx.used.add(frame);
  if (frame.includes('subj}')) ctx.used.add('named');
  const later = pronoun ?? short;
  const sentences = [
    frame.replace('{topic}', seg.thread.topic).replace('{again}', seg.thread.again).replace('{Subj}', cap(subj)).replace('{subj}', subj),
    ...seg.beats.map((b) => b.replaceAll('{Speaker}', cap(later)).replaceAll('{speaker}', later)),
  ];
  if (seg.back) {
    const pool = seg.anchor ? BACK_NAMED : [...BACK_NAMED, ...BACK_PLAIN];
    const fresh = pool.filter((c) => !ctx.used.has(c));
    const c = ctx.rng.pick(fresh.length ? fresh : pool);
    ctx.used.add(c);
    // A pronoun here after beats about another person ("the uncle") would read as that person: then the narrator's noun.
    const who = pronoun && !seg.beats.some((x) => OTHER_PERSON.test(x)) ? pronoun : short;
    sentences.push(c.replace('{Name}', cap(who)).replace('{name}', who));
  }
  return sentences.join(' ');
}
