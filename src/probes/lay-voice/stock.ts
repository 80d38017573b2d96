import { upperFirst as cap } from '../../util/english.js';
/**
 * Clinical stock phrases a person would never say, rewritten into what they
 * would say with the same meaning. Each rule keeps every number, every
 * negation (as a negation: "deny" → "haven't", "no history of" → "never had")
 * and the clinical words it wraps verbatim; a phrase with no exact lay
 * equivalent is left as it is.
 */
type Rule = [RegExp, string | ((...m: string[]) => string)];

/** "drug or alcohol use", "smoking": a habit, not something one "has had". */
const HABIT = /\b(?:use|abuse|smoking|drinking|consumption)\b/i;
const CLAUSE_END = /([^.;:!?]*?)(?=(?:,? but\b|,? and (?:I|my)\b|[.;:!?]|$))/.source;

/** What one denies doing, not having ("denies taking any medications", "denies being outside"): never "haven't had taking". */
const DOING = new RegExp(
  String.raw`^(?:being|(?:taking|using|hearing|seeing|drinking|eating|smoking|doing|getting|going|travell?ing|ingesting|` +
    String.raw`injecting|feeling|thinking|engaging|sleeping|visiting|wearing|receiving|consuming|missing|skipping|trying|sharing|touching|` +
    String.raw`swimming|hiking|camping|working|playing|lifting|living|staying|spending|changing|starting|stopping))\b(?! of\b)`,
  'i',
);
/** The negation a denial of `x` takes in the first person: "haven't had" a symptom, "haven't been" doing or being ("being" goes). */
const notHad = (x: string) => (DOING.test(x) ? "haven't been " : "haven't had ");
const BEING = /^being /i;

/** A single past event ("2 days ago", "yesterday", "once", "an episode"): "I've been …" would make it recurrent. */
const ONCE =
  /\b(?:ago|yesterday|last (?:night|evening|week|month|year)|this (?:morning|afternoon|evening)|earlier today|once|an? (?:single |brief )?episode)\b/i;
/** The case's own span or recurrence ("for 3 days", "lately", "every night"): a gerund so reported goes on. */
const SPAN = new RegExp(
  String.raw`\b(?:for (?:the (?:past|last) )?(?:\d|a |an |one|two|three|four|five|six|seven|eight|nine|ten|several|many)|since|` +
    String.raw`over the (?:past|last)|lately|recently|increasing(?:ly)?|frequent(?:ly)?|daily|every|often|constant(?:ly)?|` +
    String.raw`persistent(?:ly)?|intermittent(?:ly)?|episodes)\b`,
  'i',
);
/** Gerunds that are nouns of a complaint ("swelling", "morning stiffness"): "I've had …", never "I've been …". */
const NOUN_ING = /^(?:morning|evening|nothing|something|anything|swelling|tingling|itching|burning|ringing|bleeding|bruising|cramping|wheezing)$/i;
/** Whether "I've been <gerund>" keeps the case's aspect: a state that goes on ("feeling"), or a span the case gives, never a single past event. */
const ongoing = (gerund: string, rest: string) => !ONCE.test(rest) && (/^(?:feeling|experiencing)$/i.test(gerund) || SPAN.test(rest));

/** A reporting verb left before a gerund ("I report blacking out"): no rewrite kept its tense for sure, so the sentence is the clinicians'. */
export const untoldReport = (s: string) =>
  [...s.matchAll(/\b(?:I|and|but) (?:also |now |still )?(?:reports?|endorses?|describes?|complain(?:s|ed)? (?:of|about)) (\w+ing)\b/g)].some(
    (m) => !NOUN_ING.test(m[1]),
  );

/** Rules for the patient speaking of themself ("I deny …" after the first-person retelling). */
const PATIENT: Rule[] = [
  // "I state that X" → "X": the frame only says who is talking.
  [/\bI (?:state|report|mention|note|explain|say|add) that (?:I )?/g, (m) => (/ I $/.test(m) ? 'I ' : '')],
  [/\bI (?:say|state|report|mention|note|explain|add) (?=I\b)/g, () => ''],
  [
    /(\band|,) (?:am )?(currently )?taking no (other |regular |prescription )?(?:medications?|medicines?)\b/g,
    (_m, w, c = '', b = '') => `${w} I'm ${c ? 'currently ' : ''}not taking any ${b}medicines`,
  ],
  // "reports blacking out" may be one past event: "I've been …" only where the case says the state goes on (see `ongoing`).
  [
    /\bI (also |now |still )?(report|endorse|complain of|complain about) (\w+ing)\b(?=(.*))/g,
    // What one "complains of" is a present complaint: it goes on unless the case dates it.
    (m, a = '', verb, v, rest) => (!NOUN_ING.test(v) && (verb.startsWith('complain') ? !ONCE.test(rest) : ongoing(v, rest)) ? `I've ${a}been ${v}` : m),
  ],
  [
    /\bI (?:report|endorse)\b(?=(?: (\w+))?(.*))/g,
    (m, next = '', rest) => (/ing$/.test(next) && !NOUN_ING.test(next) ? m : ONCE.test(next + rest) ? 'I had' : "I've had"),
  ],
  [/\bI complained (?:of|about)\b/g, () => 'I had'],
  [/\bI (also |now |still )?complain (?:of|about)\b(?! \w+ing\b)/g, (_m, a = '') => `I've ${a}been having`],
  [/\b(complaining|complains) of\b/g, () => 'with'],
  // The case's third-person verb left after "I" ("I … but otherwise denies pain", "and reports feeling tired").
  [
    /\b(and|but) (otherwise |also )?denies (any |having |(?=being ))?(being )?(?=(.*))/g,
    (_m, w, a = '', any = '', b = '', x) => `${w} ${a}${any === 'any ' ? "haven't had any " : notHad(b + x)}`,
  ],
  [/\b(and|but) (?:also )?(?:reports|endorses|describes) (\w+ing)\b(?=(.*))/g, (m, w, v, rest) => (ongoing(v, rest) ? `${w} I've been ${v}` : m)],
  // "I deny X" → "I haven't had X"; "I currently deny X" → "I don't have any X"; a habit: "there's been no X".
  [
    new RegExp(`\\b(I|and|but) (also |currently |still |otherwise )?deny (any )?(?:having )?${CLAUSE_END}`, 'g'),
    (_m, w, a = '', any = '', x) => {
      const who = w === 'I' ? '' : `${w} `;
      if (HABIT.test(x)) return `${w === 'I' ? 'There' : `${w} there`}'s ${a === 'currently ' ? '' : 'been '}no ${x}`;
      if (a === 'currently ' && !DOING.test(x)) return `${who}I don't have any ${x}`;
      const not = any ? "haven't had " : notHad(x);
      const said = `${not}${not === "haven't had " ? any : ''}${x.replace(BEING, '')}`;
      return a === 'otherwise ' ? `${who}otherwise I ${said}` : `${who}I ${a === 'currently ' ? '' : a}${said}`;
    },
  ],
  [/\bI have no known (?:drug )?allergies\b/g, () => "I'm not allergic to any medicines that I know of"],
  [/\b(and|but) my (?:past )?medical history is (?:significant|remarkable|notable) (only )?for\b/g, (_m, w, o = '') => `${w} I've ${o}had`],
  [/^(?:My |The )?(?:past |previous )?medical history is otherwise (?:unremarkable|noncontributory|non-contributory)\b/i, () => "Otherwise, I've been healthy"],
  [
    /^(?:My |The )?(?:past |previous )?medical history is (?:unremarkable|noncontributory|non-contributory)\b/i,
    () => 'Nothing in my medical past is relevant here',
  ],
  [/\bI state\b(?! that)/g, () => 'I say'],
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
  // "I describe the pain as dull": "The pain is dull", never "I've got the pain as …".
  [/\bI (?:also |now )?describes? myself as(?: being)?\b/g, () => "I'd call myself"],
  [/\bI (?:also |now )?describes? (the|my|this) ([\w-]+(?: [\w-]+)?) as\b/g, (_m, d, x) => `${d} ${x} ${/[^s]s$/.test(x) ? 'are' : 'is'}`],
  [
    /\bI (?:now |also )?(?:report|describe|endorse)s? (?=(\w+))/g,
    (m, next) => (/ing$/.test(next) && !NOUN_ING.test(next) ? m : /\bnow\b/.test(m) ? "I've now got " : /\balso\b/.test(m) ? "I've also got " : "I've got "),
  ],
  [/\bI (?:was|am) previously healthy\b/g, () => 'I was healthy before this'],
  [/^On (?:further|direct|specific|detailed|careful) questioning,? (?=I\b)/, () => 'When the doctor asked me more, I said '],
  [/^On (?:further|direct|specific|detailed|careful) questioning,? /, () => 'When the doctor asked me more, '],
  // "I've been thinking about death and say I bought a handgun": the case's reporting verb, left after "I".
  [/\b(and|but) (?:also )?says? (?:that )?(?=I\b)/g, (_m, w) => `${w} `],
  [
    /^(?:My |The )?(?:past )?(?:medical )?history is (otherwise )?(?:significant|remarkable|notable) for (?=(.*))/i,
    (_m, o, rest) => (/\b(?:ago|in \d{4}|at (?:the )?age)\b/.test(rest) ? `I ${o ? 'also ' : ''}had ` : `I've ${o ? 'also ' : ''}had `),
  ],
  [/^(?:Other |My )?(?:past )?medical history (?:reveals|shows|includes) that /i, () => ''],
  [/^(?:My |The )?review of systems is (?:also )?(?:significant|remarkable|notable|positive) for /i, () => "I've also had "],
  // Chart headings left in the patient's mouth ("Current medications include …", "Past medical history includes …"): said plainly.
  [
    /^(?:My )?(only )?(current )?(?:medications?|medicines?) (include|includes|are|is|consists? of) (?![^.]*\bwhich I take\b)/i,
    (m, o = '', c, v) => (listed(o, c, v) ? `I ${o}take ` : m),
  ],
  [/^(?:My )?(?:past |previous )?(?:medical |surgical )?history includes /i, () => "I've had "],
  [/^(?:During|On) (?:a |the |my )?review of (?:systems|symptoms),? I (?:described|mentioned|reported|noted|endorsed) /i, () => 'I should also mention '],
  [/^(?:During|On) (?:a |the |my )?review of (?:systems|symptoms),? (?=I\b)/i, () => ''],
  // "symptoms …, which I say have become worse": the case's reporting verb inside the teller's own clause.
  [/\b(which|that|who) I (?:say|report|state|describe|note|mention|explain) (?!that\b|I\b)/g, (_m, w) => `${w} `],
  [/^I (?:also )?(?:say|note|mention|explain) (?!that\b|I\b)(?=(?:my|the|there|it|this|these)\b)/, () => ''],
  // "She also says that 1 week ago she …" retold: the teller just says it ("Also, 1 week ago I …").
  [/^I (also )?(?:say|state|report|note|mention|explain) that (\w)/, (_m, a, c) => (a ? `Also, ${c}` : c.toUpperCase())],
  [/^(?:My |The )?family history is (?:noncontributory|non-contributory|unremarkable)\.$/i, () => 'Nothing relevant runs in my family.'],
  [/^(?:My )?family history is (?:significant|remarkable|notable) for /i, () => 'My family has a history of '],
  [/^(?:My )?social history is (?:significant|remarkable|notable) for /i, () => 'As for my lifestyle, there is '],
];

/** "Medications include …", "Her only current medication is …" list what is taken; "My medication is working" does not. */
const listed = (only: string, current: string | undefined, verb: string) => !/^is$/i.test(verb) || !!only || !!current;

const SPAN_COUNT = 'one|two|three|four|five|six|seven|eight|nine|ten|several';

/** Rules for any narrator: terms no one says aloud, glossed or reframed without adding a fact. */
const ANY: Rule[] = [
  // "a 2-day history of dysuria" → "2 days of dysuria": the same span, said as people say it.
  [/\b(?:a|an) (\d+(?:\.\d+)?)-(day|week|month|year) history of\b/g, (_m, n, u) => `${n} ${u}${n === '1' ? '' : 's'} of`],
  [
    /\b(?:a|an) (one|two|three|four|five|six|seven|eight|nine|ten|several)-(day|week|month|year) history of\b/gi,
    (_m, n, u) => `${n} ${u}${n.toLowerCase() === 'one' ? '' : 's'} of`,
  ],
  // "I've come in with 1 hour of chest pain": chart phrasing; a person says why they came.
  [
    new RegExp(`\\bI've come (in|to [^,.;]*?) with (?=(?:\\d[\\d.]*|${SPAN_COUNT}) (?:hours?|minutes?|days?|weeks?|months?|years?) of\\b)`, 'g'),
    (_m, w) => `I've come ${w} because of `,
  ],
  // Said to the doctor the case names: "I've brought my daughter to her pediatrician" is "… to see you" (a clause about that doctor stays).
  [
    new RegExp(
      String.raw`\b(I've come|I was brought|I've been brought|(?:I|We)'ve brought (?:my|our) [\w-]+(?: in)?) to (?:see )?(?:my|his|her|their|our|the) ` +
        String.raw`(?:primary care (?:physician|provider|doctor)|pediatrician|paediatrician|family (?:doctor|physician)|general practitioner|GP|` +
        String.raw`regular doctor|doctor|physician)(?:['’]s office| office)?(?![\w'’-]| who\b|,? (?:who|whom|that)\b)`,
      'g',
    ),
    (_m, w) => `${w} to see you`,
  ],
  // The lexicon leaves acronyms alone; "NSAIDs" (non-steroidal anti-inflammatory drugs) is the chart's name for the class.
  [/\bNSAID(s?)\b/g, (_m, pl) => `anti-inflammatory painkiller${pl}`],
  // "attends for routine vaccinations": a chart verb; people come in for them.
  [/\bI attend (?:the clinic |clinic )?for\b/g, () => "I've come in for"],
  [/\b(he|she|[Mm]y [\w-]+|[Oo]ur [\w-]+) attends (?:the clinic |clinic )?for\b/g, (_m, w) => `${w} has come in for`],
  // "no significant past medical history": nothing of note, said plainly and still a negation.
  [/\bI have no (other )?significant (?:past )?medical history\b/g, (_m, o = '') => `I've had no ${o}health problems of note`],
  [/\bhas no (other )?significant (?:past )?medical history\b/g, (_m, o = '') => `has had no ${o}health problems of note`],
  [/^No (other )?significant (?:past )?medical history\b/, (_m, o = '') => `No ${o}past health problems of note`],
  [/\bI have an? (?:past )?(?:medical )?history (?:significant|remarkable|notable) for\b/g, () => "I've had"],
  [/^My (?:past )?(?:psychiatric|surgical|medical) history is (?:significant|remarkable|notable) for /, () => "I've had "],
  // "lesions previously diagnosed as eczema": what a doctor called them before.
  [/(?<=\b[a-z]+s) previously diagnosed as\b/g, () => ' that a doctor had called'],
  [/, previously diagnosed as\b/g, () => ', which a doctor had called'],
  [/\bgravida (\d+),? para (\d+)\b/gi, (_m, g, p) => `gravida ${g}, para ${p} (as the doctors write it)`],
  [/\bper vagina(?:m)?\b/gi, () => 'from the vagina'],
  [/^On (?:further|direct|specific|detailed|careful) questioning,? /, () => 'When the doctor asked more, '],
  [/\bI have (?:an? )?(?:(?:significant|extensive|long|known|remote|prior|previous) )?(?:past )?(?:medical )?history of\b/g, () => "I've had"],
  // "in my usual state of health until …": what people say is that they were fine.
  [/\b(?:in|at) (?:my|his|her|their|our|(?:my|our) [\w-]+['’]s) (?:usual|normal|baseline|regular) (?:state of )?(?:good )?health\b/g, () => 'fine'],
  [/\bprior to (?:presentation|admission|arrival)\b/g, () => 'before coming in'],
  [/\bprior to\b/g, () => 'before'],
  // "ambulatory" is able to walk; an ambulatory clinic or ECG is left as it is.
  [
    /\b(am|is|are|was|were) (fully |still |independently )?ambulatory\b(?! (?:clinic|care|surgery|cent(?:er|re)|setting|unit|department|ECG|pH|monitor))/g,
    (_m, be, a = '') => `${/^(?:was|were)$/.test(be) ? 'could' : 'can'}${a === 'still ' ? ' still' : ''} walk${a === 'independently ' ? ' without help' : ''}`,
  ],
  [/^(?:(?:His|Her|My|The) )?family history is (?:noncontributory|non-contributory|unremarkable)\.?$/i, () => 'Nothing relevant runs in the family.'],
  // A negative review of systems has no exact lay wording that keeps its "negative": the doctor's words, quoted.
  [/^(?:(?:The|A) )?review of systems is (?:otherwise )?(?:negative|unremarkable|noncontributory)\b.*$/i, (m) => `The doctor's note says: "${cap(m)}"`],
];

/** For a parent or relative: the patient's history under the patient's name ("My son has had …"). */
const relative = (patientAs: string): Rule[] => [
  [
    /^(?:(?:His|Her|Their|My \w+['’]s) )?(?:past |previous )?(?:medical )?history is (?:significant|remarkable|notable) for /i,
    () => `${cap(patientAs)} has had `,
  ],
  [
    /^(?:(?:His|Her|Their|My \w+['’]s|The) )?(?:past |previous )?medical history is (otherwise )?(?:unremarkable|noncontributory|non-contributory)\b/i,
    (_m, o) => (o ? `Otherwise, ${patientAs} has been healthy` : `Nothing in ${patientAs}'s medical past is relevant here`),
  ],
  [
    /^(?:(?:His|Her|Their|My \w+['’]s) )?(only )?(current )?(?:medications?|medicines?) (include|includes|are|is|consists? of) /i,
    (m, o = '', c, v) => (listed(o, c, v) ? `${cap(patientAs)} ${o}takes ` : m),
  ],
  [/^(?:(?:His|Her|Their|My \w+['’]s) )?(?:past |previous )?(?:medical |surgical )?history includes /i, () => `${cap(patientAs)} has had `],
  [/\b(he|she) (?:has|had) no known (?:drug )?allergies\b/gi, (_m, p) => `${p} isn't allergic to any medicines that I know of`],
  [/\b(?:I|We|we) currently deny (?:any )?/g, () => 'there is no '],
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

const LAST = /\b([Tt])he previous (night|evening|day|morning)\b/g;
const LAST_AS: Record<string, string> = { night: 'last night', evening: 'yesterday evening', day: 'yesterday', morning: 'yesterday morning' };

/**
 * The sentence with the stock phrases rewritten (the patient's own, when
 * `patientAs` is null; a relative's about "my son" otherwise). The first letter
 * is capitalised when anything changed.
 */
export function unstock(sentence: string, patientAs: string | null): string {
  // "the previous night" is the note's time; the teller speaks at the visit ("last night"), unless another day anchors it.
  let s = /\b(?:before|after|following|next|ago|that|on the day|the day of)\b/i.test(sentence)
    ? sentence
    : sentence.replace(LAST, (_m, t: string, w: string) => (t === 'T' ? cap(LAST_AS[w]) : LAST_AS[w]));
  for (const [re, f] of patientAs === null ? [...PATIENT, ...ANY] : [...relative(patientAs), ...ANY]) s = s.replace(re, f as (...m: string[]) => string);
  return s === sentence ? s : cap(s);
}
