import { caseLike } from '../first-person.js';
import type { Narrator } from './narrator.js';
import { introduction } from './opener.js';
import { possessive, teller, TELLS } from './phrasing.js';
import { asPatient, patientVerb, selfIntroduction } from './told-by-patient.js';
import { asRelative, coupleOwn, relativeOpener, tellerPronounReports } from './told-by-relative.js';

/**
 * The narrative's sentences retold by the narrator. The patient narrates in
 * the first person; a parent or relative keeps the patient in the third
 * person ("my son … he") and speaks of themself as "I".
 */
export function retell(sentences: readonly string[], narrator: Narrator): string[] {
  const head = sentences.length ? (introduction(sentences[0])?.head ?? null) : null;
  const out = sentences.map((s, i) => (i === 0 ? openWith(s, narrator) : s));
  const tell = (s: string) => ourOwn(narrator.speaker === 'patient' ? asPatient(s, narrator.sex, head) : asRelative(s, narrator));
  // The clinician's line before the teller's words stays in the third person.
  const told = out.map((s) =>
    s.includes(TELLS)
      ? s
          .split(TELLS)
          .map((x, i) => (i === 0 ? x : tell(x)))
          .join(TELLS)
      : tell(s),
  );
  if (narrator.speaker === 'patient') return told;
  // A relative is "I" from the opening on: a later "she says that" of theirs is theirs.
  const own = (s: string) =>
    s.includes(TELLS)
      ? s
          .split(TELLS)
          .map((x, k) => (k === 0 ? x : coupleOwn(x, narrator)))
          .join(TELLS)
      : coupleOwn(s, narrator);
  return told.map((s, i) => own(i === 0 ? s : tellerPronounReports(s, narrator, told.slice(0, i).join(' '))));
}

/** "He and I … their walks" → "our walks"; "I and my wife" → "My wife and I": the narrator is half of "they". */
function ourOwn(sentence: string): string {
  let s = sentence.replace(
    /(^|[.;:!?]\s+)I and (my|our) ([\w-]+)/g,
    (_m, pre: string, poss: string, who: string) => `${pre}${caseLike('M', poss)} ${who} and I`,
  );
  s = s.replace(/(?<=,\s+)I and (my|our) ([\w-]+)/g, (_m, poss: string, who: string) => `${poss} ${who} and I`);
  if (/^(?:(?:He|She|My [\w-]+|Our [\w-]+) and I)\b/.test(s)) s = s.replace(/\btheir\b/g, 'our').replace(/\bTheir\b/g, 'Our');
  return s;
}

/** "A 57-year-old man presents to X with Y" → "I'm a 57-year-old man, and I've come to X with Y". */
function openWith(sentence: string, n: Narrator): string {
  const intro = introduction(sentence);
  if (!intro) return sentence;
  const modifiers = intro.modifiers.replace(/-$/, '');
  if (n.speaker !== 'patient') return relativeOpener(sentence, intro.start, intro.end, intro.verbAt, modifiers, intro.head, n);
  const before = sentence.slice(0, intro.start);
  // No verb to hang the clinician's line on: the patient says who they are.
  if (intro.verbAt === null) return `I'm ${selfIntroduction(modifiers, intro.head)}. ${before}I${sentence.slice(intro.end)}`;
  const trailing = sentence.slice(intro.end, intro.verbAt).trim().replace(/,$/, '');
  const rest = patientVerb(sentence.slice(intro.verbAt));
  // Nobody opens with their age, sex and ethnicity: the clinician's line introduces the teller in the case's own words.
  return `${teller(sentence.slice(intro.start, intro.end), trailing)}, in ${possessive(n.patientSex)} own words: ${TELLS}${before}${rest}`;
}
