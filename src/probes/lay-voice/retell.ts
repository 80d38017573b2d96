import { caseLike } from '../first-person.js';
import type { Narrator } from './narrator.js';
import { introduction } from './opener.js';
import { parentsAsTeller } from './parents.js';
import { possessive, teller, TELLS } from './phrasing.js';
import { reportAboutPatient, tellersOwnKin } from './teller-kin.js';
import { asPatient, patientVerb, selfIntroduction } from './told-by-patient.js';
import { asRelative, coupleOwn, ourFamily, relativeOpener, tellerPronounReports } from './told-by-relative.js';

/**
 * The narrative's sentences retold by the narrator. The patient narrates in
 * the first person; a parent or relative keeps the patient in the third
 * person ("my son … he") and speaks of themself as "I".
 */
export function retell(sentences: readonly string[], narrator: Narrator): string[] {
  const head = sentences.length ? (introduction(sentences[0])?.head ?? null) : null;
  const out = sentences.map((s, i) => (i === 0 ? openWith(s, narrator) : s));
  const mother = narrator.speaker === 'patient' && narrator.sex === 'female' && mothersStory(sentences[0] ?? '');
  const tell = (s: string) =>
    ownSelf(ourOwn(narrator.speaker === 'patient' ? asPatient(s, narrator.sex, head) : asRelative(tellersOwnKin(s, narrator), narrator)), narrator);
  // The mother of a newborn delivered "to" her tells it: the case's "the mother" is then she herself; the baby stays "the newborn".
  const told = out.map((s, i) => inTold(unbare(i > 0 && mother ? s.replace(THE_MOTHER, (m) => caseLike(m, 'the patient')) : s), tell));
  if (narrator.speaker === 'patient') return told;
  // A relative is "I" from the opening on: a later "she says that" of theirs is theirs.
  const own = (x: string) => reportAboutPatient(ourFamily(coupleOwn(x, narrator), narrator), narrator);
  const asTeller = (x: string) => parentsAsTeller(coordinatedReport(selfReference(narrator.plural ? parentsAsWe(own(x)) : own(x)), narrator), narrator);
  return told.map((s, i) => inTold(i === 0 ? s : tellerPronounReports(s, narrator, told.slice(0, i).join(' ')), (x) => ownDoing(asTeller(x), narrator)));
}

const THE_MOTHER = /\b[Tt]he mother\b/g;
/** The chart's bare "Patient has had …" at a sentence's start is "The patient has had …", and retold like it. */
const BARE_PATIENT = /(^|[.;:!?]\s+)Patient(?=\s+(?:has|had|is|was|denies|reports|states|takes|drinks|smokes|lives|works|feels|says|describes)\b)/g;
const unbare = (s: string) => s.replace(BARE_PATIENT, '$1The patient');
const BABY_TO = /\b(?:newborns?|infants?|bab(?:y|ies)|neonates?|stillborn|twins|boy|girl)\b[^.;]*\b(?:delivered|born)\b[^.;]*\bto\s*$/i;

/** "A newborn is delivered to a 29-year-old woman": the woman the opening introduces is the baby's mother, not the story's subject. */
export function mothersStory(opening: string): boolean {
  const intro = introduction(opening);
  return !!intro && BABY_TO.test(opening.slice(0, intro.start));
}

/** `f` applied to the teller's words only: the clinician's line before them stays in the third person. */
function inTold(s: string, f: (x: string) => string): string {
  if (!s.includes(TELLS)) return f(s);
  return s
    .split(TELLS)
    .map((x, k) => (k === 0 ? x : f(x)))
    .join(TELLS);
}

/**
 * The chart's bare "self" ("thoughts of harming self or others", "a danger to self"): the teller says "myself", or for the patient
 * they speak of, "himself" or "herself".
 */
function ownSelf(s: string, n: Narrator): string {
  const self = n.speaker === 'patient' ? 'myself' : n.patientSex === 'male' ? 'himself' : n.patientSex === 'female' ? 'herself' : null;
  if (!self) return s;
  return s.replace(/\b((?:harm|hurt|kill|injur|neglect|endanger)(?:e|es|s|ed|ing)?|to|towards?|against) self(?![\w-])/gi, `$1 ${self}`);
}

/** Other people a "they" could be: with any of them in the sentence, "they" is left as it is. */
const OTHER_GROUP = new RegExp(
  String.raw`\b(?:doctors|physicians|nurses|staff|paramedics|team|siblings|brothers|sisters|children|kids|friends|` +
    String.raw`classmates|people|others|grandparents|twins|cousins|neighbou?rs|teachers|police|officers)\b`,
  'i',
);

const THEY_AS_WE: Record<string, string> = {
  they: 'we',
  their: 'our',
  them: 'us',
  themselves: 'ourselves',
  "they've": "we've",
  "they're": "we're",
  "they'd": "we'd",
};

/** Both parents telling: the case's "they" and "their" for the parents are "we" and "our" ("so they put him to bed"). */
export function parentsAsWe(s: string): string {
  if (OTHER_GROUP.test(s)) return s;
  return s.replace(/\b(?:[Tt]hey(?:'ve|'re|'d)?|[Tt]heir|them(?:selves)?)\b/g, (w) => caseLike(w, THEY_AS_WE[w.toLowerCase()]));
}

/** The case's "brought in by his roommate", retold by the roommate, is no "brought in by me". */
export function selfReference(s: string): string {
  return (
    s
      .replace(/,? accompanied by me\b/g, '')
      // "The friend who came in with him says he uses heroin", told by the friend: "I came in with him, and I can tell you he uses heroin".
      .replace(/\bI who ([^.;:!?"]*?),? (?:says|reports|states|adds|mentions|notes|explains) (?:that )?/g, 'I $1, and I can tell you that ')
      .replace(/\b((?:was|were|is|are|been) (?:brought|taken|driven|rushed|carried)\b[^.;:!?]*?) by me\b/g, '$1')
      .replace(/\b(after|before|when|because|until|since|as|once|and) me (\w+ed|found|saw|heard|brought|took|came|went|got|felt|thought|knew)\b/g, '$1 I $2')
  );
}

const PAST: Record<string, string> = { taking: 'took', ingesting: 'ingested', drinking: 'drank', eating: 'ate', swallowing: 'swallowed', using: 'used' };

/**
 * "I've brought my roommate … 6 hours after taking about 30 tablets": with the teller the subject, the participle would be theirs;
 * the patient took them ("6 hours after he took about 30 tablets").
 */
function ownDoing(s: string, n: Narrator): string {
  if (!/\b(?:I|we)(?:'ve| have)? (?:brought|found|took|taken|drove|driven|rushed|carried)\b/.test(s)) return s;
  const who = n.patientSex === 'male' ? 'he' : n.patientSex === 'female' ? 'she' : 'they';
  return s
    .replace(/\bafter (taking|ingesting|drinking|eating|swallowing|using)\b/g, (_m, v: string) => `after ${who} ${PAST[v]}`)
    .replace(/\bafter being\b/g, `after ${who} ${who === 'they' ? 'were' : 'was'}`);
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
  // "my daughter, a 5-year-old immigrant,, and …": the apposition's comma and the case's own meet once.
  if (n.speaker !== 'patient') return relativeOpener(sentence, intro.start, intro.end, intro.verbAt, modifiers, intro.head, n).replace(/,\s*,/g, ',');
  const before = sentence.slice(0, intro.start);
  // No verb to hang the clinician's line on: the patient says who they are.
  if (intro.verbAt === null) return `I'm ${selfIntroduction(modifiers, intro.head)}. ${before}${selfClause(sentence.slice(intro.end))}`;
  const trailing = sentence.slice(intro.end, intro.verbAt).trim().replace(/,$/, '');
  const rest = patientVerb(sentence.slice(intro.verbAt));
  // Nobody opens with their age, sex and ethnicity: the clinician's line introduces the teller in the case's own words.
  return `${teller(sentence.slice(intro.start, intro.end), trailing)}, in ${possessive(n.patientSex)} own words: ${TELLS}${before}${rest}`;
}

/** "who was previously well is brought into …" after "I'm 40, a businessman.": "I was previously well, and I was brought into …", never "I who … is". */
function selfClause(rest: string): string {
  const m = /^,?\s*who (\w+)( [^,]+?)?,?\s+(?=(?:is|was|presents?|comes|returns|attends|arrives)\b)/.exec(rest);
  if (!m) return `I${rest}`;
  const v = m[1] === 'is' ? 'am' : m[1] === 'has' ? 'have' : m[1] === 'does' ? 'do' : m[1] === 'was' ? 'was' : m[1].replace(/(?<=[^s])s$/, '');
  return `I ${v}${m[2] ?? ''}, and ${patientVerb(rest.slice(m[0].length))}`;
}

/**
 * "I am concerned … but state that her daughter has been feeding well": the case's reporting verb goes on from the
 * teller's own clause, so it is theirs, and the child it names is the patient ("but I can tell you that my daughter …").
 */
export function coordinatedReport(s: string, n: Narrator): string {
  if (!n.patientAs || !/\b(?:I|we)\b/i.test(s)) return s;
  const relation = n.patientAs.replace(/^(?:my|our) /, '');
  const re = new RegExp(
    String.raw`\b(but|and) (also )?(?:states?|says?|reports?|notes?|mentions?|adds?|explains?) that( (?:her|his|their) ${relation}\b)?`,
    'g',
  );
  const we = n.plural ? 'we' : 'I';
  return s.replace(re, (_m, conj: string, also = '', child?: string) => `${conj} ${we} can ${also}tell you that${child ? ` ${n.patientAs}` : ''}`);
}
