import { names } from './banks.js';
import type { PatientProfile } from './profile.js';
import type { Rng } from '../util/rng.js';

/**
 * How a bank remark ("{Speaker} says a cousin is on the way.") is told in the
 * clinician's record of a digressing history: the remark's content as a
 * clause, and whether the narrator said it, asked it, or did something.
 */
export interface Remark {
  kind: 'tell' | 'ask' | 'act';
  /** "a cousin is on the way"; "whether the forms can be posted"; for an act, the whole sentence. */
  clause: string;
}

const TELL = /^\{Speaker\} (?:says|mentions|notes|remarks|points out)(?: that)? (.+?)\.?$/;
const ACCORDING = /^According to \{speaker\}, (.+?)\.?$/;
const ASK = /^\{Speaker\} asks ((?:whether|which|how|who|where|what|for|to)\b.+?)\.?$/;

/** The remark as a clause of the narrator's, with the patient named as the bank says. */
export function remark(text: string, p: PatientProfile): Remark {
  const patient = names(p).patient;
  const fillPatient = (s: string) => s.replaceAll('{patient}', patient).replaceAll('{Patient}', patient);
  const tell = TELL.exec(text) ?? ACCORDING.exec(text);
  if (tell && !/^having\b/.test(tell[1])) return { kind: 'tell', clause: fillPatient(tell[1]) };
  const ask = ASK.exec(text);
  if (ask) return { kind: 'ask', clause: fillPatient(ask[1]) };
  return { kind: 'act', clause: fillPatient(text) };
}

/** Opening a digressing history, with the remarks it holds. */
const FIRST_TELL = [
  'While giving the history, {subj} also mentions {list}.',
  'Between answers, {subj} mentions {list}.',
  'Along the way, {subj} remarks {list}.',
];
/** A relative speaking for a patient who cannot, while the team is busy: they talk to whoever is free, not "give a history". */
const FIRST_TELL_BEDSIDE = ['While the team works, {subj} tells a nurse {list}.', 'Waiting for news, {subj} mentions to a nurse {list}.'];
const FIRST_ASK_BEDSIDE = ['While the team works, {subj} asks a nurse {list}.', 'Waiting for news, {subj} asks a nurse {list}.'];
const LATER_TELL = ['{Subj} then mentions {list}.', '{Subj} goes on to say {list}.', 'In passing, {subj} adds {list}.'];
const FIRST_ASK = ['While giving the history, {subj} asks {list}.', 'Between answers, {subj} asks {list}.'];
const LATER_ASK = ['{Subj} also asks {list}.', 'At one point {subj} asks {list}.', '{Subj} then asks {list}.'];
const PER_SENTENCE = 3;

export interface AsideContext {
  /** 0 for the first passage of the variant: it introduces the digressing narrator. */
  place: number;
  /** How the narrator is first named ("the patient", "the relative with the patient"). */
  speaker: string;
  profile: PatientProfile;
  rng: Rng;
  /** Frames already used in this variant. */
  used: Set<string>;
}

/** One passage of the record: the remarks as one or a few sentences, the narrator named once and then by pronoun. */
export function tellAside(remarks: readonly Remark[], ctx: AsideContext): string {
  const pronoun = ctx.profile.speaker === 'patient' ? (ctx.profile.sex === 'male' ? 'he' : ctx.profile.sex === 'female' ? 'she' : null) : null;
  const short = ctx.speaker.replace(/ with (?:the patient|him|her)$/, '');
  let named = ctx.place > 0;
  const subject = () => {
    const s = !named ? ctx.speaker : (pronoun ?? short);
    named = true;
    return s;
  };
  const sentences: string[] = [];
  let first = ctx.place === 0;
  const say = (templates: string[], items: string[]) => {
    const subj = subject();
    // No frame twice in one variant: "He also mentions … He also mentions" is the template showing.
    const fresh = templates.filter((x) => !ctx.used.has(x));
    const t = ctx.rng.pick(fresh.length ? fresh : templates);
    ctx.used.add(t);
    sentences.push(t.replace('{list}', join(items)).replace('{Subj}', cap(subj)).replace('{subj}', subj));
  };
  const tells = remarks.filter((r) => r.kind === 'tell').map((r) => `that ${r.clause}`);
  const asks = remarks.filter((r) => r.kind === 'ask').map((r) => r.clause);
  const bedside = ctx.profile.speaker === 'companion' && (ctx.profile.setting === 'emergency' || ctx.profile.setting === 'icu');
  for (let i = 0; i < tells.length; i += PER_SENTENCE) {
    say(first ? (bedside ? FIRST_TELL_BEDSIDE : FIRST_TELL) : LATER_TELL, tells.slice(i, i + PER_SENTENCE));
    first = false;
  }
  for (let i = 0; i < asks.length; i += PER_SENTENCE) {
    say(first ? (bedside ? FIRST_ASK_BEDSIDE : FIRST_ASK) : LATER_ASK, asks.slice(i, i + PER_SENTENCE));
    first = false;
  }
  for (const r of remarks.filter((x) => x.kind === 'act')) {
    const subj = subject();
    sentences.push(r.clause.replace('{Speaker}', cap(subj)).replace('{speaker}', subj));
  }
  return sentences.join(' ');
}

const cap = (s: string) => s[0].toUpperCase() + s.slice(1);
/**
 * "that a, that b and that c". An item with a comma of its own ("…closed, so the
 * family will be late") goes last, and with two such items semicolons separate
 * them, so no comma seems to end an item early.
 */
function join(items: string[]): string {
  const xs = [...items.filter((x) => !x.includes(',')), ...items.filter((x) => x.includes(','))];
  if (xs.length < 2) return xs.join('');
  const sep = xs.filter((x) => x.includes(',')).length > 1 ? '; ' : ', ';
  return `${xs.slice(0, -1).join(sep)}${sep === '; ' ? '; and ' : ' and '}${xs[xs.length - 1]}`;
}
