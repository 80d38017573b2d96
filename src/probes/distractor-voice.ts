import { upperFirst as cap } from '../util/english.js';
import type { Thread } from './banks.js';
import type { PatientProfile } from './profile.js';
import type { Rng } from '../util/rng.js';

/** A run of beats from one thread, told in one place of the story. */
export interface Segment {
  thread: Thread;
  /** The beats, filled for this patient: the teller's own words, first person. */
  beats: string[];
  /** The patient reaches the department later in the story: no team at work yet. */
  arrivesLater?: boolean;
}

// The teller's talk, joined by a plain speech tag (review round 10: "Then he moves on to an old friend's mystery novel:", "He
// comes back to the film crew:" read as a narrator announcing each topic). "{q}" is the quote, "{q1}" and "{rest}" its first
// beat and the others. The verb is the frame's key: no verb twice in one variant.
const OPEN = ['{q1} says {subj}. {rest}', '{q1} {subj} explains. {rest}', '{Subj} says: {q}', '{Subj} explains: {q}'];
const NEXT = [
  '{q1} {subj} adds. {rest}',
  '{q1} {subj} goes on. {rest}',
  '{q1} {subj} continues. {rest}',
  '{Subj} adds: {q}',
  '{Subj} goes on: {q}',
  '{Subj} continues: {q}',
];
/** Further verbs for the many passages of a higher dose, once NEXT's are used. */
const MORE = [
  '{Subj} carries on: {q}',
  '{q1} {subj} carries on. {rest}',
  '{Subj} keeps talking: {q}',
  '{Subj} remarks: {q}',
  '{q1} {subj} remarks. {rest}',
  '{Subj} also mentions: {q}',
  '{Subj} chats on: {q}',
  '{q1} {subj} says. {rest}',
  '{q1} {subj} explains. {rest}',
];
/** A relative speaking for a patient who cannot, once the team is at work: they talk to whoever is free. */
const OPEN_BEDSIDE = ['While the team works, {subj} tells a nurse: {q}', '{Subj} tells a nurse at the bedside: {q}'];
const verb = (frame: string) => /(says|explains|adds|goes on|continues|tells|carries on|keeps talking|remarks|mentions|chats on)/.exec(frame)?.[1] ?? frame;
export interface TellContext {
  /** How the teller is first named ("the patient", "his wife"). */
  speaker: string;
  profile: PatientProfile;
  /** An emergency, intensive care or an event under way: practical frames only, the team at the bedside. */
  acute: boolean;
  rng: Rng;
  /** Frames already used in this variant, and whether the teller has been named. */
  used: Set<string>;
  /** A passage a higher dose adds: more verbs to draw on. */
  more?: boolean;
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
  const frames = named ? (ctx.more ? [...NEXT, ...MORE] : NEXT) : ctx.acute && p.speaker === 'companion' && !seg.arrivesLater ? OPEN_BEDSIDE : OPEN;
  // The first passage must name the teller; a quote-first frame needs a first beat ending on a full stop ("," replaces it).
  const usable = frames.filter((f) => (named || f.includes('subj}')) && (!f.includes('{q1}') || (seg.beats.length > 1 && /\.$/.test(seg.beats[0]))));
  // A higher dose's many passages use every verb once before any comes round again.
  if (ctx.more && usable.every((f) => ctx.used.has(verb(f)))) for (const f of usable) ctx.used.delete(verb(f));
  const fresh = usable.filter((f) => !ctx.used.has(verb(f)));
  const frame = ctx.rng.pick(fresh.length ? fresh : usable);
  ctx.used.add(verb(frame));
  if (frame.includes('subj}')) ctx.used.add('named');
  const [first, ...rest] = seg.beats;
  return frame
    .replace('{Subj}', cap(subj))
    .replace('{subj}', subj)
    .replace('{q}', `"${seg.beats.join(' ')}"`)
    .replace('{q1}', `"${first.replace(/\.$/, ',')}"`)
    .replace('{rest}', `"${rest.join(' ')}"`);
}
