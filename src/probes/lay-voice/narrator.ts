import type { PatientProfile, Speaker } from '../profile.js';
import { agreeWithFirstPerson, caseLike, firstPronounSex, pronounsToFirstPerson, type Sex } from '../first-person.js';
import type { Rng } from '../../util/rng.js';
import { introduction } from './opener.js';

/** Who tells the story and how they name the patient. */
export interface Narrator {
  speaker: Speaker;
  /** How the narrator names the patient ("my son", "my husband"); null when the patient narrates. */
  patientAs: string | null;
  /** The narrator as the text names them ("mother", "wife", "parents"), null when the text does not. */
  named: string | null;
  /** Whether the narrator speaks as "we" (both parents). */
  plural: boolean;
  /** The narrator's sex, when the relation gives it. */
  sex: Sex | null;
  /** The patient's sex, for the clinician's line that introduces the teller ("in her own words"). */
  patientSex: Sex | null;
}

const FEMALE_KIN = /^(mother|mom|grandmother|wife|sister|daughter|girlfriend|aunt)$/;
const MALE_KIN = /^(father|dad|grandfather|husband|brother|son|boyfriend|uncle)$/;
const kinSex = (w: string): Sex | null => (FEMALE_KIN.test(w) ? 'female' : MALE_KIN.test(w) ? 'male' : null);

const PARENT_WORDS = 'mother|father|parents|mom|dad|grandmother|grandfather';
const COMPANION_WORDS = 'wife|husband|partner|daughter|son|mother|father|parents|sister|brother|girlfriend|boyfriend|roommate|friend|fiancée|fiancé|coworker|neighbor|neighbour';
/** What the narrator calls the patient, by the narrator's relation and the patient's sex. */
const INVERSE: Record<string, [string, string, string]> = {
  // [male patient, female patient, unknown]
  mother: ['son', 'daughter', 'child'],
  father: ['son', 'daughter', 'child'],
  mom: ['son', 'daughter', 'child'],
  dad: ['son', 'daughter', 'child'],
  parents: ['son', 'daughter', 'child'],
  grandmother: ['grandson', 'granddaughter', 'grandchild'],
  grandfather: ['grandson', 'granddaughter', 'grandchild'],
  wife: ['husband', 'partner', 'partner'],
  husband: ['husband', 'wife', 'partner'],
  partner: ['partner', 'partner', 'partner'],
  girlfriend: ['boyfriend', 'girlfriend', 'partner'],
  boyfriend: ['boyfriend', 'girlfriend', 'partner'],
  'fiancée': ['fiancé', 'fiancée', 'partner'],
  'fiancé': ['fiancé', 'fiancée', 'partner'],
  daughter: ['father', 'mother', 'parent'],
  son: ['father', 'mother', 'parent'],
  sister: ['brother', 'sister', 'sibling'],
  brother: ['brother', 'sister', 'sibling'],
  roommate: ['roommate', 'roommate', 'roommate'],
  friend: ['friend', 'friend', 'friend'],
  coworker: ['coworker', 'coworker', 'coworker'],
  neighbor: ['neighbor', 'neighbor', 'neighbor'],
  neighbour: ['neighbour', 'neighbour', 'neighbour'],
};

/** The relative the text names as bringing or accompanying the patient ("brought … by his wife"), else the first one mentioned. */
function namedRelative(text: string, words: string): string | null {
  const by = new RegExp(`\\b(?:by|with|accompanied by)\\s+(?:his|her|the patient's|their|the)\\s+(${words})\\b`, 'i').exec(text);
  if (by) return by[1].toLowerCase();
  const any = new RegExp(`\\b(?:his|her|the patient's|the)\\s+(${words})\\b`, 'i').exec(text);
  return any ? any[1].toLowerCase() : null;
}

/** A parent brought the minor in, or speaks for them: "brought … by his mother", "her parents are concerned". */
const PARENT_PRESENT = new RegExp(`\\b(?:brought|accompanied)\\b[^.;]{0,80}?\\bby (?:his|her|their|the patient's) (?:${PARENT_WORDS})\\b|\\b(?:his|her|the patient's) (?:${PARENT_WORDS}) (?:is|are|was|were|has been|have been) (?:\\w+ )?(?:concerned|worried|anxious)\\b`, 'i');

/** A patient under 18 whom a parent brought in: the parent tells it, as they would. */
export function minorWithParent(profile: PatientProfile, text: string): boolean {
  return profile.ageYears !== null && profile.ageYears < 18 && PARENT_PRESENT.test(text);
}

const pickSex = <T>(sex: Sex | null, [m, f, u]: [T, T, T]): T => (sex === 'male' ? m : sex === 'female' ? f : u);

/** The narrator the profile calls for: the patient, a parent (under 12) or the relative with a patient who cannot speak. */
export function chooseNarrator(profile: PatientProfile, text: string, rng: Rng): Narrator {
  const sex = profile.sex ?? firstPronounSex(text);
  if (profile.speaker === 'patient' && !minorWithParent(profile, text)) return { speaker: 'patient', patientAs: null, named: null, plural: false, sex, patientSex: sex };
  if (profile.speaker !== 'companion') {
    const named = namedRelative(text, PARENT_WORDS);
    const relation = named ?? 'parent';
    const baby = profile.ageBand === 'neonate' || profile.ageBand === 'infant';
    const child = INVERSE[relation] ? pickSex(sex, INVERSE[relation]) : pickSex(sex, ['son', 'daughter', baby ? 'baby' : 'child']);
    const plural = relation === 'parents';
    return { speaker: 'parent', patientAs: `${plural ? 'our' : 'my'} ${child === 'child' && baby ? 'baby' : child}`, named, plural, sex: kinSex(relation), patientSex: sex };
  }
  const named = namedRelative(text, COMPANION_WORDS);
  if (named && INVERSE[named]) {
    const as = pickSex(sex, INVERSE[named]);
    return { speaker: 'companion', patientAs: `my ${as}`, named, plural: named === 'parents', sex: kinSex(named), patientSex: sex };
  }
  // No relative named: one chosen by the seed, fitting the patient's age and sex.
  let as: string;
  if (sex === null) as = 'relative';
  else if (profile.ageBand === 'older_adult') as = sex === 'male' ? 'father' : 'mother';
  else if (profile.ageBand === 'adolescent') as = sex === 'male' ? 'son' : 'daughter';
  else as = rng.pick(sex === 'male' ? ['husband', 'partner', 'brother'] : ['wife', 'partner', 'sister']);
  return { speaker: 'companion', patientAs: `my ${as}`, named: null, plural: false, sex: null, patientSex: sex };
}

const GENERIC_HEAD = /^(man|woman|boy|girl|child|infant|baby|newborn|neonate|toddler|patient|gentleman|lady|person|male|female|adolescent|teenager|teen)$/i;
const PATIENT_REF = /\b(?:the|this)\s+(patient|man|woman|boy|girl|child|infant|baby|newborn|neonate|toddler|gentleman|lady|adolescent|teenager)(['’]s)?\b/gi;

/**
 * The narrative's sentences retold by the narrator. The patient narrates in
 * the first person; a parent or relative keeps the patient in the third
 * person ("my son … he") and speaks of themself as "I".
 */
export function retell(sentences: readonly string[], narrator: Narrator): string[] {
  const head = sentences.length ? introduction(sentences[0])?.head ?? null : null;
  const out = sentences.map((s, i) => (i === 0 ? openWith(s, narrator) : s));
  const tell = (s: string) => ourOwn(narrator.speaker === 'patient' ? asPatient(s, narrator.sex, head) : asRelative(s, narrator));
  // The clinician's line before the teller's words stays in the third person.
  return out.map((s) => (s.includes(TELLS) ? s.split(TELLS).map((x, i) => (i === 0 ? x : tell(x))).join(TELLS) : tell(s)));
}

/** Ends the clinician's line that introduces the teller ("A 41-year-old woman, in her own words: "); the caller removes it. */
export const TELLS = '\u0001';

/** "He and I … their walks" → "our walks"; "I and my wife" → "My wife and I": the narrator is half of "they". */
function ourOwn(sentence: string): string {
  let s = sentence.replace(/(^|[.;:!?]\s+)I and (my|our) ([\w-]+)/g, (_m, pre: string, poss: string, who: string) => `${pre}${caseLike('M', poss)} ${who} and I`);
  s = s.replace(/(?<=,\s+)I and (my|our) ([\w-]+)/g, (_m, poss: string, who: string) => `${poss} ${who} and I`);
  if (/^(?:(?:He|She|My [\w-]+|Our [\w-]+) and I)\b/.test(s)) s = s.replace(/\btheir\b/g, 'our').replace(/\bTheir\b/g, 'Our');
  return s;
}

// ---------------------------------------------------------------------------
// The patient tells it.

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

const possessive = (sex: Sex | null) => (sex === 'male' ? 'his' : sex === 'female' ? 'her' : 'their');

/** "A 41-year-old American Indian woman with diabetes": the case's own noun phrase, as the line that introduces the story. */
function teller(np: string, trailing: string): string {
  const t = trailing ? `${trailing.startsWith(',') ? '' : ' '}${trailing.replace(/,$/, '')}` : '';
  return cap(`${np}${t}`);
}

/** How the clinician's line names a relative the text does not name, from what they call the patient. */
const TELLER: Record<string, string> = { husband: 'spouse', wife: 'spouse', partner: 'partner', brother: 'sibling', sister: 'sibling' };

/**
 * Off until the facts-preserved check reads "I'm 41" as the value "41-year-old"
 * (it tokenises ages only in the hyphenated form, so "I'm 41" counts as a lost
 * value and would exclude every narrated case).
 */
const AGE_AS_SPOKEN = true;

/**
 * How people state their age: "41, a Hispanic woman" rather than "a 41-year-old
 * Hispanic woman". Every word of the original (age, race or ethnicity, sex) stays.
 */
function selfIntroduction(modifiers: string, head: string | null): string {
  const m = AGE_AS_SPOKEN && /^(\d+(?:\.\d+)?)[- ]years?[- ]old\b\s*(.*)$/i.exec(modifiers);
  const join = (mods: string, h: string | null) => [mods, h].filter(Boolean).join(' ');
  if (!m) return `${article(join(modifiers, head))} ${join(modifiers, head)}`;
  // "a 16-year-old patient": "patient" alone says nothing a person would say of themself.
  const rest = join(m[2], m[2] || !head || !/^patient$/i.test(head) ? head : null);
  return rest ? `${m[1]}, ${article(rest)} ${rest}` : m[1];
}

const article = (next: string) => (/^(?:[aeiou]|8|11-|18-)/i.test(next) ? 'an' : 'a');

const BEING_SEEN = /^is (evaluated|seen|examined|assessed|reviewed)\b/;

/** The opening verb phrase in the first person: "presents to" → "I've come to", "is brought" → "I was brought". */
function patientVerb(vp: string): string {
  const rules: [RegExp, (m: RegExpExecArray) => string][] = [
    [/^presents?(\s+to\b)/, (m) => `I've come${m[1]}`],
    [/^presents?\b/, () => "I've come in"],
    [/^comes\b/, () => "I've come"],
    [/^attends\b/, () => "I've come to"],
    [/^returns\b/, () => "I've come back"],
    [/^visits\b/, () => "I'm visiting"],
    [BEING_SEEN, (m) => `I'm being ${m[1]}`],
    [/^is (\w+ed|brought|seen|found|taken|sent|given|bitten|born)\b/, (m) => `I was ${m[1]}`],
  ];
  const doctor = vp.replace(/\bthe physician\b/, 'the doctor');
  for (const [re, f] of rules) {
    const m = re.exec(doctor);
    if (m) return f(m) + doctor.slice(m[0].length);
  }
  return `I ${doctor}`;
}

const SAME_SEX_MALE = /^(?:His|The patient's)\s+(?:[\w-]+\s+)?(?:father|brother|son|uncle|grandfather|nephew|cousin|stepfather|twin brother)\b/;
const SAME_SEX_FEMALE = /^(?:Her|The patient's)\s+(?:[\w-]+\s+)?(?:mother|sister|daughter|aunt|grandmother|niece|cousin|stepmother|twin sister)\b/;

/** The patient narrates: "the patient" (and "the man" when the opening named a man) → I/me/my; the patient's pronouns → first person. */
function asPatient(sentence: string, sex: Sex | null, head: string | null): string {
  let s = sentence.replace(PATIENT_REF, (m, noun: string, poss: string | undefined) => {
    if (!/patient/i.test(noun) && !/^this/i.test(m) && noun.toLowerCase() !== head?.toLowerCase()) return m;
    return poss ? caseLike(m, 'my') : '\u0000';
  });
  s = s.replace(/(^|[.;:!?]\s+|\b(?:and|but|or|that|when|because|while|although|after|before|until|since|if|so),?\s+|,\s+)\u0000/g, '$1I').replace(/\u0000/g, 'me');
  if (sex) {
    // "His father had a transplant in his forties": after a relative of the patient's sex opens the sentence, "his" is the relative's.
    const relative = (sex === 'male' ? SAME_SEX_MALE : SAME_SEX_FEMALE).exec(s);
    s = relative ? pronounsToFirstPerson(relative[0], sex) + s.slice(relative[0].length) : pronounsToFirstPerson(s, sex);
  }
  return agreeWithFirstPerson(s.replace(/^me\b/, 'I'));
}

// ---------------------------------------------------------------------------
// A parent or relative tells it.

/** "A 4-month-old girl is brought to the physician by her mother because …" → "I've brought my 4-month-old daughter to the doctor because …". */
function relativeOpener(sentence: string, start: number, end: number, verbAt: number | null, modifiers: string, head: string | null, n: Narrator): string {
  const relation = n.patientAs!.replace(/^(my|our) /, '');
  const keepsHead = head && !GENERIC_HEAD.test(head);
  const mods = modifiers.replace(/\b(male|female)\b\s*/gi, '').trim();
  const my = n.plural ? 'our' : 'my';
  const before = sentence.slice(0, start);
  // The clinician's line says who the patient is, in the case's words; the teller then says "my son", as people do.
  const introduced = !keepsHead && !before.trim() && verbAt !== null;
  const np = keepsHead ? `${my} ${relation}, ${article(modifiers)} ${modifiers.replace(/,+$/, '')} ${head},` : introduced ? `${my} ${relation}` : `${my} ${mods ? `${mods} ` : ''}${relation}`;
  let rest = sentence.slice(end);
  const I = n.plural ? 'We' : 'I';
  if (!before.trim() && verbAt !== null) {
    const t = introduced ? '' : sentence.slice(end, verbAt).trim().replace(/,$/, '');
    const who = n.named ?? (n.speaker === 'parent' ? 'parent' : TELLER[relation] ?? 'relative');
    const line = introduced ? `${teller(sentence.slice(start, end), sentence.slice(end, verbAt).trim())}, as told by ${possessive(n.patientSex)} ${who}: ${TELLS}` : '';
    // "with diabetes" reads on; "involved in a fight" needs commas once it sits before the verb.
    const trailing = !t ? ' ' : /^(with|who|whose|of|from|at)\b/.test(t) ? ` ${t} ` : t.startsWith(',') ? `${t}, ` : `, ${t}, `;
    const vp = sentence.slice(verbAt).replace(/\bthe physician\b/, 'the doctor');
    const self = n.speaker === 'parent' ? `(?:a|the|his|her|their) (?:parent|parents|mother|father)${n.named ? `|(?:his|her|their|the) ${n.named}` : ''}` : n.named ? `(?:his|her|their|the) ${n.named}` : '(?!)';
    const byNarrator = new RegExp(`\\s*\\bby (?:${self})\\b(?: and (?:his|her|their|the )?(?:mother|father))?`);
    const byOther = /\bby (?!(?:his|her|their|the|a) (?:parent|parents|mother|father)\b)/.test(vp.split(/[.;]/)[0]) && !byNarrator.test(vp);
    let m: RegExpExecArray | null;
    if ((m = /^is brought\b/.exec(vp)) && !byOther) return line + `${I}'ve brought ${np}${trailing.trimEnd()}${vp.slice(m[0].length).replace(byNarrator, '')}`;
    if ((m = /^is brought\b/.exec(vp))) return line + cap(`${np}${trailing}was brought${vp.slice(m[0].length)}`);
    if ((m = /^presents?(\s+to\b)?/.exec(vp))) return line + `${I}'ve brought ${np}${trailing.trimEnd()}${m[1] ?? ' in'}${vp.slice(m[0].length)}`;
    if ((m = BEING_SEEN.exec(vp))) return line + cap(`${np}${trailing}is being ${m[1]}${vp.slice(m[0].length)}`);
    if ((m = /^is (\w+ed|found|seen|taken|sent|bitten)\b/.exec(vp))) return line + cap(`${np}${trailing}was ${m[1]}${vp.slice(m[0].length)}`);
    rest = `${trailing}${vp}`;
    if (line) return line + cap(`${np}${rest}`);
  }
  return before ? `${before}${np}${rest}` : cap(`${np}${rest}`);
}

const cap = (s: string) => s[0].toUpperCase() + s.slice(1);

function asRelative(sentence: string, n: Narrator): string {
  const child = n.patientAs!;
  // The patient: "the patient" / "the infant" → "my son"; he/she stay.
  let s = sentence.replace(PATIENT_REF, (m, _noun: string, poss: string | undefined) => caseLike(m, `${child}${poss ?? ''}`));
  if (!n.named && n.speaker !== 'parent') return s;
  // The narrator: "his mother reports that" → "I've noticed that"; "his wife" → "I"/"me"; "his wife's" → "my".
  const singular = { subj: 'I', obj: 'me', poss: 'my' };
  const both = n.plural ? { subj: 'we', obj: 'us', poss: 'our' } : singular;
  const who = n.speaker === 'parent' ? `(?:${n.named ? `${n.named}|` : ''}parent)` : n.named!;
  const ref = new RegExp(`\\b(?:his|her|the patient's|the|their|a)\\s+${who}(['’]s|s')?(?=\\W|$)`, 'gi');
  let mentioned = -1;
  // "the parent who attends works …" → "I work …": the clause only says it is the narrator.
  s = s.replace(new RegExp(`(\\b(?:the|a)\\s+${who})\\s+who (?:attends|is present|is with (?:him|her)|accompanies (?:him|her)|brought (?:him|her)(?: in)?)\\b,?`, 'gi'), '$1');
  s = s.replace(ref, (m, poss: string | undefined, offset: number, whole: string) => {
    if (mentioned < 0) mentioned = offset;
    // one parent ("the parent") speaks as "I" even when both parents brought the child
    const self = /parent$/i.test(m) || (/parent['’]s$/i.test(m) && !/parents/i.test(m)) ? singular : both;
    if (poss) return caseLike(m, self.poss);
    const before = whole.slice(0, offset);
    const subject = before.trim() === '' || /(?:[.;:!?]|\b(?:and|but|or|that|when|because|while|although|as|since|if|so)|,)\s*$/i.test(before);
    return subject ? caseLike(m, self.subj) : self.obj;
  });
  s = s.replace(/\b(I|We|we) (?:reports?|notes?|states?|describes?|mentions?|observes?) that\b/g, (_m, w: string) => `${w}'ve noticed that`);
  s = s.replace(/\b(I|We|we) (?:says?) that\b/g, (_m, w: string) => `${w} can tell you that`);
  // "I've noticed that her child …": after the narrator speaks, the child is theirs.
  s = s.replace(/\b((?:I|We|we)'ve noticed that) (?:his|her|their) (?:child|baby|infant)\b/g, (_m, said: string) => `${said} ${child}`);
  // The narrator's own pronouns, after the narrator is named, when they cannot be the patient's (the mother of a son).
  const patientSex = /\b(son|husband|father|boyfriend|brother|grandson|fiancé)$/.test(child) ? 'male' : /\b(daughter|wife|mother|girlfriend|sister|granddaughter|fiancée)$/.test(child) ? 'female' : null;
  if (mentioned >= 0 && n.sex && patientSex && patientSex !== n.sex) s = s.slice(0, mentioned) + pronounsToFirstPerson(s.slice(mentioned), n.sex, n.plural);
  return agreeWithFirstPerson(s);
}
