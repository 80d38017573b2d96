/**
 * Clinical stock phrases a person would never say, rewritten into what they
 * would say with the same meaning. Each rule keeps every number, every
 * negation (as a negation: "deny" → "haven't", "no history of" → "never had")
 * and the clinical words it wraps verbatim; a phrase with no exact lay
 * equivalent is left as it is.
 */
type Rule = [RegExp, string | ((...m: string[]) => string)];

const cap = (s: string) => (s ? s[0].toUpperCase() + s.slice(1) : s);
/** "drug or alcohol use", "smoking": a habit, not something one "has had". */
const HABIT = /\b(?:use|abuse|smoking|drinking|consumption)\b/i;
const CLAUSE_END = /([^.;:!?]*?)(?=(?:,? but\b|,? and (?:I|my)\b|[.;:!?]|$))/.source;

/** Rules for the patient speaking of themself ("I deny …" after the first-person retelling). */
const PATIENT: Rule[] = [
  // "I state that X" → "X": the frame only says who is talking.
  [/\bI (?:state|report|mention|note|explain|say|add) that (?:I )?/g, (m) => (/ I $/.test(m) ? 'I ' : '')],
  [/\bI (?:report|endorse|complain of) (\w+ing)\b/g, (_m, v) => `I've been ${v}`],
  [/\bI (?:report|endorse)\b/g, () => "I've had"],
  [/\bI complain of\b/g, () => "I've been having"],
  [/\b(complaining|complains) of\b/g, () => 'with'],
  // "I deny X" → "I haven't had X"; a habit: "there's been no X".
  [
    new RegExp(`\\b(I|and|but) deny ${CLAUSE_END}`, 'g'),
    (_m, w, x) => (HABIT.test(x) ? `${w === 'I' ? "There's" : `${w} there's`} been no ${x}` : `${w === 'I' ? 'I' : `${w} I`} haven't had ${x}`),
  ],
  [new RegExp(`\\bI denied ${CLAUSE_END}`, 'g'), (_m, x) => (HABIT.test(x) ? `I said there had been no ${x}` : `I said I hadn't had ${x}`)],
  [/\bI (?:have|had) no (?:(?:prior|previous|past|known|significant) )?history of\b/g, () => "I've never had"],
  [/(\band|,) take no (other |regular |prescription )?(?:medications?|medicines?)\b/g, (_m, w, b = '') => `${w} don't take any ${b}medicines`],
  [
    /\bI (currently |also )?(?:take|am taking|am on) no (other |regular |prescription )?(?:medications?|medicines?)\b/g,
    (_m, a = '', b = '') => `I don't ${a}take any ${b}medicines`,
  ],
  [/\bI am otherwise healthy\b/g, () => "apart from that, I'm healthy"],
  // "I present with …" / "I now report …": chart verbs; what a person says is that they have come in, or have it.
  [/\bI (?:present|presented) (?:to [^,.;]*? )?with\b/g, () => "I've come in with"],
  [
    /\bI (?:now |also )?(?:report|describe|endorse)s? (?=\w)/g,
    (m) => (/\bnow\b/.test(m) ? "I've now got " : /\balso\b/.test(m) ? "I've also got " : "I've got "),
  ],
  [/\bI (?:was|am) previously healthy\b/g, () => 'I was healthy before this'],
  [/^On further questioning, /, () => 'When the doctor asked me more, '],
  [
    /^(?:My |The )?(?:past )?(?:medical )?history is (?:significant|remarkable|notable) for (?=(.*))/i,
    (_m, rest) => (/\b(?:ago|in \d{4}|at (?:the )?age)\b/.test(rest) ? 'I had ' : "I've had "),
  ],
  [/^(?:Other |My )?(?:past )?medical history (?:reveals|shows|includes) that /i, () => ''],
  [/^(?:My |The )?review of systems is (?:also )?(?:significant|remarkable|notable|positive) for /i, () => "I've also had "],
  [/^(?:My |The )?family history is (?:noncontributory|non-contributory|unremarkable)\.$/i, () => 'Nothing relevant runs in my family.'],
  [/^(?:My )?family history is (?:significant|remarkable|notable) for /i, () => 'My family has a history of '],
  [/^(?:My )?social history is (?:significant|remarkable|notable) for /i, () => 'As for my lifestyle, there is '],
];

/** Rules for any narrator: terms no one says aloud, glossed or reframed without adding a fact. */
const ANY: Rule[] = [
  // "a 2-day history of dysuria" → "2 days of dysuria": the same span, said as people say it.
  [/\b(?:a|an) (\d+(?:\.\d+)?)-(day|week|month|year) history of\b/g, (_m, n, u) => `${n} ${u}${n === '1' ? '' : 's'} of`],
  [
    /\b(?:a|an) (one|two|three|four|five|six|seven|eight|nine|ten|several)-(day|week|month|year) history of\b/gi,
    (_m, n, u) => `${n} ${u}${n.toLowerCase() === 'one' ? '' : 's'} of`,
  ],
  [/\bgravida (\d+),? para (\d+)\b/gi, (_m, g, p) => `gravida ${g}, para ${p} (as the doctors write it)`],
  [/\bper vagina(?:m)?\b/gi, () => 'from the vagina'],
  [/^On further questioning, /, () => 'When the doctor asked more, '],
  // A negative review of systems has no exact lay wording that keeps its "negative": the doctor's words, quoted.
  [/^(?:(?:The|A) )?review of systems is (?:otherwise )?(?:negative|unremarkable|noncontributory)\b.*$/i, (m) => `The doctor's note says: "${cap(m)}"`],
];

/** For a parent or relative: the patient's history under the patient's name ("My son has had …"). */
const relative = (patientAs: string): Rule[] => [
  [/^(?:(?:His|Her|Their|My \w+'s) )?(?:past )?(?:medical )?history is (?:significant|remarkable|notable) for /i, () => `${cap(patientAs)} has had `],
  [
    /^(?:(?:His|Her|Their|My \w+'s|The) )?review of systems is (?:also )?(?:significant|remarkable|notable|positive) for /i,
    () => `${cap(patientAs)} has also had `,
  ],
  // A relative's denial keeps its force: "I deny any nosebleeds" → "there have been no nosebleeds", not "I haven't noticed" (which only says they did not see).
  [/\b(?:I|We|we) (also )?deny having (?:had )?/g, (_m, also = '') => `${patientAs} has ${also}not had `],
  [/\b(?:I|We|we) (also )?deny (?:any )?(?!that\b|ever\b)/g, (_m, also = '') => `there has ${also}been no `],
  [/\b(?:I|We|we) (also )?deny ever having (?:had )?/g, (_m, also = '') => `${patientAs} has ${also}never had `],
  [/\b(?:I|We|we) (?:also )?deny that\b/g, () => 'it is not true that'],
  // "I report difficulty understanding his speech": what a parent reports is what they have noticed.
  [/\b(I|We|we) (also )?(?:report|describe|endorse)\b(?! that)/g, (_m, w, also = '') => `${w}'ve ${also}noticed`],
];

/**
 * The sentence with the stock phrases rewritten (the patient's own, when
 * `patientAs` is null; a relative's about "my son" otherwise). The first letter
 * is capitalised when anything changed.
 */
export function unstock(sentence: string, patientAs: string | null): string {
  let s = sentence;
  for (const [re, f] of patientAs === null ? [...PATIENT, ...ANY] : [...relative(patientAs), ...ANY]) s = s.replace(re, f as (...m: string[]) => string);
  return s === sentence ? s : cap(s);
}
