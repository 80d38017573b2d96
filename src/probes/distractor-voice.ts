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
  /** The thread ends here (it is not taken up again later) and the history follows: the note may mark the return to it. */
  last: boolean;
  /** The next sentence of the case leans on the patient's pronoun: the passage ends on the patient, who is the narrator. */
  anchor?: boolean;
}

// A clinician's note of a tangent: it says the narrator drifted, then gives the story's gist.
const OPEN = [
  'While giving the history, {subj} drifts onto {topic}.',
  'Partway through the history, {subj} spends some time on {topic}.',
  'Between answers, {subj} talks at some length about {topic}.',
  'At this point {subj} goes off on a tangent about {topic}.',
];
const NEXT = [
  '{Subj} then moves on to {topic}.',
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
/** A relative speaking for a patient who cannot, while the team is busy: they talk to whoever is free, not "give a history". */
const OPEN_BEDSIDE = ['While the team works, {subj} tells a nurse about {topic}.', 'While the team works, {subj} brings up {topic} with a nurse.'];
/** After a finished tangent, the note sometimes marks the return to the history. */
const CLOSE = ['The history then resumes.', 'Then back to the history.', 'With that, the history goes on.'];
/** The return to the history with the patient as subject, so the case's next "He …" is the patient again. */
const ANCHOR = ['{Subj} then comes back to the history.', '{Subj} then returns to the questions.', 'After that, {subj} picks up the history again.'];

export interface TellContext {
  /** How the narrator is first named ("the patient", "the relative with him"). */
  speaker: string;
  profile: PatientProfile;
  rng: Rng;
  /** Frames already used in this variant, and whether the narrator has been named. */
  used: Set<string>;
}

/** One passage of the record: a frame naming the tangent (the narrator named once per variant, then by pronoun), then its beats. */
export function tellSegment(seg: Segment, ctx: TellContext): string {
  const p = ctx.profile;
  const pronoun = p.speaker === 'patient' ? (p.sex === 'male' ? 'he' : p.sex === 'female' ? 'she' : null) : null;
  const short = ctx.speaker.replace(/ with (?:the patient|him|her)$/, '');
  const named = ctx.used.has('named');
  const subj = named ? (pronoun ?? short) : ctx.speaker;
  const acute = p.setting === 'emergency' || p.setting === 'icu';
  const practical = seg.thread.practical === true;
  const frames = seg.continued
    ? AGAIN
    : !named
      ? acute && p.speaker === 'companion'
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
  if (seg.anchor) {
    const fresh = ANCHOR.filter((c) => !ctx.used.has(c));
    const c = ctx.rng.pick(fresh.length ? fresh : ANCHOR);
    ctx.used.add(c);
    sentences.push(c.replace('{Subj}', cap(later)).replace('{subj}', later));
  } else if (seg.last && !practical && ctx.rng.next() < 0.5) {
    // Marks the end of a chatty tangent now and then; a practical matter needs no such return.
    const close = CLOSE.filter((c) => !ctx.used.has(c));
    if (close.length) {
      const c = ctx.rng.pick(close);
      ctx.used.add(c);
      sentences.push(c);
    }
  }
  return sentences.join(' ');
}

const cap = (s: string) => s[0].toUpperCase() + s.slice(1);
