import { upperFirst as cap } from '../util/english.js';
import type { Thread } from './banks.js';
import type { PatientProfile } from './profile.js';
import type { Rng } from '../util/rng.js';

/** A run of beats from one thread, told in one place of the story. */
export interface Segment {
  thread: Thread;
  /** The beats, filled for this patient: the teller's own words, first person. */
  beats: string[];
  /** The thread was begun at an earlier place: the frame comes back to it. */
  continued: boolean;
  /** The patient reaches the department later in the story: no team at work yet. */
  arrivesLater?: boolean;
}

// The teller's talk, framed once and briefly as theirs; the beats follow as a quotation. "{q}" is the quote,
// "{q1}" and "{rest}" its first beat and the others (the quote-first forms need a first beat that names its topic).
const OPEN = [
  '{Subj} talks at length about {topic}: {q}',
  '{Subj} gets onto {topic}: {q}',
  '{Subj} goes off on a tangent about {topic}: {q}',
  '{Subj} is keen to tell the story of {topic}: {q}',
  '{q1} says {subj}. {rest}',
  '{q1} {subj} explains. {rest}',
];
const NEXT = [
  '{Subj} also talks about {topic}: {q}',
  'Then {subj} moves on to {topic}: {q}',
  '{Subj} has plenty to say about {topic} as well: {q}',
  '{q1} {subj} adds. {rest}',
  '{q1} {subj} goes on. {rest}',
];
const AGAIN = ['{Subj} comes back to {again}: {q}', 'Later {subj} returns to {again}: {q}', '{q1} {subj} goes on. {rest}'];
/** Practical matters are raised, not told at length. */
const OPEN_PRACTICAL = ['{Subj} brings up {topic}: {q}', '{Subj} mentions {topic}: {q}', '{Subj} raises {topic}: {q}', '{q1} says {subj}. {rest}'];
// Reviewers (round 9) read "There is more about …", "… is not done with …" and "Then it is …" as a narrator's stage joins.
const NEXT_PRACTICAL = ['{Subj} also mentions {topic}: {q}', '{Subj} turns to {topic}: {q}', '{q1} {subj} adds. {rest}'];
/** A relative speaking for a patient who cannot, once the team is at work: they talk to whoever is free. */
const OPEN_BEDSIDE = ['While the team works, {subj} tells a nurse about {topic}: {q}', '{Subj} stops a nurse to mention {topic}: {q}'];
export interface TellContext {
  /** How the teller is first named ("the patient", "his wife"). */
  speaker: string;
  profile: PatientProfile;
  /** An emergency, intensive care or an event under way: practical frames only, the team at the bedside. */
  acute: boolean;
  rng: Rng;
  /** Frames already used in this variant, and whether the teller has been named. */
  used: Set<string>;
}

/** The teller's pronoun, when the patient tells and their sex is known; else null (a parent or relative keeps a noun). */
export function tellerPronoun(p: PatientProfile): 'he' | 'she' | null {
  return p.speaker === 'patient' ? (p.sex === 'male' ? 'he' : p.sex === 'female' ? 'she' : null) : null;
}

/** One passage: the teller named once per variant (then by pronoun or a short noun), one brief frame, the beats in quotes. */
export function tellSegment(seg: Segment, ctx: TellContext): string {
  const p = ctx.profile;
  const pronoun = tellerPronoun(p);
  const short = ctx.speaker.replace(/ with (?:the patient|him|her)$/, '');
  const named = ctx.used.has('named');
  const subj = named ? (pronoun ?? short) : ctx.speaker;
  const practical = seg.thread.practical === true;
  const frames = seg.continued
    ? AGAIN
    : !named
      ? ctx.acute && p.speaker === 'companion' && !seg.arrivesLater
        ? OPEN_BEDSIDE
        : practical
          ? OPEN_PRACTICAL
          : OPEN
      : practical
        ? NEXT_PRACTICAL
        : NEXT;
  // The first passage must name the teller; a quote-first frame needs a first beat ending on a full stop ("," replaces it).
  const usable = frames.filter((f) => (named || f.includes('subj}')) && (!f.includes('{q1}') || (seg.beats.length > 1 && /\.$/.test(seg.beats[0]))));
  const fresh = usable.filter((f) => !ctx.used.has(f));
  const frame = ctx.rng.pick(fresh.length ? fresh : usable);
  ctx.used.add(frame);
  if (frame.includes('subj}')) ctx.used.add('named');
  const [first, ...rest] = seg.beats;
  return frame
    .replace('{topic}', seg.thread.topic)
    .replace('{again}', seg.thread.again)
    .replace('{Subj}', cap(subj))
    .replace('{subj}', subj)
    .replace('{q}', `"${seg.beats.join(' ')}"`)
    .replace('{q1}', `"${first.replace(/\.$/, ',')}"`)
    .replace('{rest}', `"${rest.join(' ')}"`);
}
