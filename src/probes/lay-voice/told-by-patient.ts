import { agreeWithFirstPerson, caseLike, pronounsToFirstPerson, type Sex } from '../first-person.js';
import { article, BEING_SEEN, PATIENT_REF } from './phrasing.js';

/** \u0000 marks where the patient's own pronoun goes: "I" where a clause starts, else "me". */
// biome-ignore lint/suspicious/noControlCharactersInRegex: \u0000 is the marker
const SUBJECT_MARK = /(^|[.;:!?]\s+|\b(?:and|but|or|that|when|because|while|although|after|before|until|since|if|so),?\s+|,\s+)\u0000/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: \u0000 is the marker
const MARK = /\u0000/g;
// "at which point the patient felt guilty": a finite verb after the patient makes them its subject, whatever comes before.
const FINITE_AFTER_MARK = new RegExp(
  String.raw`\u0000(?=\s+(?:(?:then|also|still|later|again|never|only|just|[a-z]+ly)\s+)?(?:felt|was|is|has|had|went|got|thought|knew|became|` +
    String.raw`began|started|said|came|did|does|will|would|can|could|remained|continued|decided|refused)\b)`,
  'g',
);

/** The patient tells it: in the first person, introducing themself as people do. */

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
export function selfIntroduction(modifiers: string, head: string | null): string {
  const m = AGE_AS_SPOKEN && /^(\d+(?:\.\d+)?)[- ]years?[- ]old\b\s*(.*)$/i.exec(modifiers);
  const join = (mods: string, h: string | null) => [mods, h].filter(Boolean).join(' ');
  if (!m) return `${article(join(modifiers, head))} ${join(modifiers, head)}`;
  // "a 16-year-old patient": "patient" alone says nothing a person would say of themself.
  const rest = join(m[2], m[2] || !head || !/^patient$/i.test(head) ? head : null);
  return rest ? `${m[1]}, ${article(rest)} ${rest}` : m[1];
}

/** The opening verb phrase in the first person: "presents to" → "I've come to", "is brought" → "I was brought". */
export function patientVerb(vp: string): string {
  const rules: [RegExp, (m: RegExpExecArray) => string][] = [
    [/^presents? to see\b/, () => "I've come to see"],
    [/^comes to see\b/, () => "I've come to see"],
    [/^presents?(\s+to\b)/, (m) => `I've come${m[1]}`],
    [/^presents?\b/, () => "I've come in"],
    [/^comes\b/, () => "I've come"],
    [/^attends (?=for\b)/, () => "I've come in "],
    // "attends review", "attends her annual check-up": an event, not a place ("I've come to review" misreads it).
    [
      /^attends (?=(?:a |an |his |her |their |the )?(?:[\w-]+ ){0,2}(?:review|follow-up|appointment|check-?up|screening|visit|consultation)\b)/,
      () => "I've come in for ",
    ],
    [/^attends\b/, () => "I've come to"],
    [/^returns\b/, () => "I've come back"],
    [/^visits\b/, () => "I'm visiting"],
    [/^sees\b/, () => "I've come to see"],
    [/^arrives\b/, () => "I've come"],
    [BEING_SEEN, (m) => `I'm being ${m[1]}`],
    [/^is (\w+ed|brought|seen|found|taken|sent|given|bitten|born)\b/, (m) => `I was ${m[1]}`],
  ];
  // "presents to a physician": a person goes to see a doctor.
  const doctor = vp.replace(/^(presents?|comes) to an? physician\b/, '$1 to see a doctor').replace(/\b(the|his|her|their) physician\b/, '$1 doctor');
  for (const [re, f] of rules) {
    const m = re.exec(doctor);
    if (m) return f(m) + doctor.slice(m[0].length);
  }
  return `I ${doctor}`;
}

const SAME_SEX_MALE = /^(?:His|The patient's)\s+(?:[\w-]+\s+)?(?:father|brother|son|uncle|grandfather|nephew|cousin|stepfather|twin brother)\b/;
const SAME_SEX_FEMALE = /^(?:Her|The patient's)\s+(?:[\w-]+\s+)?(?:mother|sister|daughter|aunt|grandmother|niece|cousin|stepmother|twin sister)\b/;

/** The patient narrates: "the patient" (and "the man" when the opening named a man) → I/me/my; the patient's pronouns → first person. */
export function asPatient(sentence: string, sex: Sex | null, head: string | null): string {
  let s = sentence.replace(PATIENT_REF, (m, noun: string, poss: string | undefined) => {
    if (!/patient/i.test(noun) && !/^this/i.test(m) && noun.toLowerCase() !== head?.toLowerCase()) return m;
    return poss ? caseLike(m, 'my') : '\u0000';
  });
  s = s.replace(SUBJECT_MARK, '$1I').replace(FINITE_AFTER_MARK, 'I').replace(MARK, 'me');
  if (sex) {
    // "His father had a transplant in his forties": after a relative of the patient's sex opens the sentence, "his" is the relative's.
    const relative = (sex === 'male' ? SAME_SEX_MALE : SAME_SEX_FEMALE).exec(s);
    s = relative ? pronounsToFirstPerson(relative[0], sex) + s.slice(relative[0].length) : pronounsToFirstPerson(s, sex);
  }
  return agreeWithFirstPerson(s.replace(/^me\b/, 'I')).replace(OBJECT_I, '$1me');
}

/** "delivered to I.", "gave I and my wife": after a preposition or a verb, with no verb of its own after it, the teller is "me". */
const OBJECT_I = new RegExp(
  String.raw`\b((?:to|for|with|from|of|at|by|about|into|onto|upon|towards?|against|without|behind|beside|near|around|gave|give|told|` +
    String.raw`tell|brought|bring|took|asked|helped|let|made|showed|sent|saw|examined|treated|found|bit|stung|hit|kicked|called|woke|` +
    String.raw`prescribed|advised|referred|rushed|drove|carried|admitted|delivered|informed|reassured|accompanied|bothered|caused)\s+)` +
    String.raw`I(?=\s*(?:[.,;:!?)"”]|$)|\s+(?:and|or)\s)`,
  'g',
);
