import { upperFirst as cap } from '../util/english.js';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { AGE_BANDS, SETTINGS, SPEAKERS, type AgeBand, type PatientProfile, type Setting, type Speaker } from './profile.js';
import { QUESTION_TYPES, type QuestionType } from './question-type.js';

/** The project's own phrase banks and lexicon, shipped in `data/probes/`. */
const DIR = fileURLToPath(new URL('../../data/probes/', import.meta.url));

export interface LexiconEntry {
  term: string;
  lay: string[];
  /** The one sense of the term the lay phrases cover. */
  sense: string;
}

/** Where a phrase fits; a missing list means "any". */
export interface Tags {
  ages?: AgeBand[];
  speakers?: Speaker[];
  settings?: Setting[];
}

/** A bank phrase: text (with optional {Speaker}/{speaker}/{Patient}/{patient} placeholders) and where it fits. */
export interface Phrase extends Tags {
  text: string;
}

export type Styled = Record<string, Phrase[]>;

/** A tangent of the distractor probe: one small story on one topic, told beat by beat (data/probes/distractor-threads.yaml). */
export interface Thread extends Tags {
  id: string;
  /** How the note first names the tangent ("a cousin's engagement"). */
  topic: string;
  /** How it names it when the narrator comes back to it ("the engagement"). */
  again: string;
  /** Brief practical matters (the car, keys, forms): the only threads told in acute care or by a relative. */
  practical?: boolean;
  /** Threads of one group contradict each other (by car, by taxi, by bus); a case takes at most one. */
  group?: string;
  /** What the thread takes for granted about the teller: 'drove' here, 'came-in' on their own, or an adult 'householder'. */
  presumes?: ('drove' | 'came-in' | 'householder')[];
  beats: string[];
}

export interface Banks {
  lexicon: LexiconEntry[];
  threads: Thread[];
  emotional: Record<string, { openers: Phrase[]; demands: Phrase[] }>;
  /**
   * question type → bias style → cues; each cue holds one slot: {option} (a noun phrase) or {action} (an instruction), said inside the sentence.
   */
  anchoring: Record<QuestionType, Styled>;
  hedges: Phrase[];
  asides: Phrase[];
}

let cached: Banks | undefined;

export function banks(): Banks {
  if (cached) return cached;
  const read = (name: string) => parse(readFileSync(`${DIR}${name}`, 'utf8'));
  const hedges = read('hedges.yaml') as {
    hedges: unknown[];
    asides: unknown[];
  };
  const styled = (raw: Record<string, unknown[]>, file: string): Styled =>
    Object.fromEntries(Object.entries(raw).map(([k, xs]) => [k, xs.map((x, i) => phrase(x, `${file}: ${k}[${i}]`))]));
  const emotional = read('emotional.yaml') as Record<string, { openers: unknown[]; demands: unknown[] }>;
  const anchoring = read('anchoring.yaml') as Record<string, Record<string, unknown[]>>;
  for (const t of QUESTION_TYPES) if (!anchoring[t]) throw new Error(`anchoring.yaml: no cues for question type "${t}"`);
  cached = {
    lexicon: read('lay-lexicon.yaml') as LexiconEntry[],
    threads: (read('distractor-threads.yaml') as unknown[]).map((x, i) => thread(x, `distractor-threads.yaml[${i}]`)),
    emotional: Object.fromEntries(
      Object.entries(emotional).map(([k, v]) => [
        k,
        {
          openers: v.openers.map((x, i) => phrase(x, `emotional.yaml: ${k}.openers[${i}]`)),
          demands: v.demands.map((x, i) => phrase(x, `emotional.yaml: ${k}.demands[${i}]`)),
        },
      ]),
    ),
    anchoring: Object.fromEntries(QUESTION_TYPES.map((t) => [t, styled(anchoring[t], `anchoring.yaml: ${t}`)])) as Record<QuestionType, Styled>,
    hedges: hedges.hedges.map((x, i) => phrase(x, `hedges.yaml: hedges[${i}]`)),
    asides: (hedges.asides ?? []).map((x, i) => phrase(x, `hedges.yaml: asides[${i}]`)),
  };
  return cached;
}

const THREAD_KEYS = ['id', 'topic', 'again', 'practical', 'group', 'presumes', 'beats', 'ages', 'speakers', 'settings'];

/** A thread: its tags checked as a phrase's are, and every field it needs present. */
function thread(x: unknown, where: string): Thread {
  const t = x as Thread;
  for (const k of ['id', 'topic', 'again'] as const) if (typeof t?.[k] !== 'string') throw new Error(`${where}: expected ${k}`);
  if (!Array.isArray(t.beats) || !t.beats.length || t.beats.some((b) => typeof b !== 'string')) throw new Error(`${where}: expected beats`);
  for (const k of Object.keys(t)) if (!THREAD_KEYS.includes(k)) throw new Error(`${where}: unknown key "${k}" (${THREAD_KEYS.join(', ')})`);
  const { ages, speakers, settings } = t;
  phrase({ text: t.id, ages, speakers, settings }, where);
  return t;
}

/** A bank entry: a bare string fits everywhere; an object names where it fits. Unknown tags are a bank bug. */
function phrase(x: unknown, where: string): Phrase {
  if (typeof x === 'string') return { text: x };
  const p = x as Phrase;
  if (!p || typeof p.text !== 'string') throw new Error(`${where}: expected text`);
  // A misspelt tag ("setting:") would silently mean "any setting".
  for (const k of Object.keys(p))
    if (!['text', 'ages', 'speakers', 'settings'].includes(k)) throw new Error(`${where}: unknown key "${k}" (text, ages, speakers, settings)`);
  const check = (list: readonly string[] | undefined, allowed: readonly string[], name: string) => {
    for (const v of list ?? []) if (!allowed.includes(v)) throw new Error(`${where}: ${name} "${v}" is not one of ${allowed.join(', ')}`);
  };
  check(p.ages, AGE_BANDS, 'age band');
  check(p.speakers, SPEAKERS, 'speaker');
  check(p.settings, SETTINGS, 'setting');
  return p;
}

/**
 * The phrases that fit this patient. An unknown age is taken as adult; an
 * unknown setting admits only phrases that fit any setting.
 */
export function fitting<T extends Tags>(phrases: readonly T[], p: PatientProfile): T[] {
  const age = p.ageBand ?? 'adult';
  return phrases.filter(
    (x) =>
      (!x.ages || x.ages.includes(age)) &&
      (!x.speakers || x.speakers.includes(p.speaker)) &&
      (!x.settings || (p.setting !== null && x.settings.includes(p.setting))),
  );
}

/** How the narrator and the patient are named in third-person phrases. */
export function names(p: PatientProfile): { speaker: string; patient: string } {
  const patient = p.ageBand === 'neonate' || p.ageBand === 'infant' ? 'the baby' : p.ageBand === 'child' ? 'the child' : 'the patient';
  const speaker =
    p.speaker === 'parent'
      ? 'the parent'
      : p.speaker === 'companion'
        ? `the relative with ${p.sex === 'male' ? 'him' : p.sex === 'female' ? 'her' : 'the patient'}`
        : 'the patient';
  return { speaker, patient };
}

/** Fills {Speaker}, {speaker}, {Patient} and {patient} (capitalised forms start a sentence); `speaker` names the teller the story names. */
export function fill(text: string, p: PatientProfile, speaker?: string): string {
  const n = { ...names(p), ...(speaker ? { speaker } : {}) };
  return text
    .replaceAll('{Speaker}', cap(n.speaker))
    .replaceAll('{speaker}', n.speaker)
    .replaceAll('{Patient}', cap(n.patient))
    .replaceAll('{patient}', n.patient);
}
