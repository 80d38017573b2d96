/**
 * The presenting complaint as the opening sentence names it, when it is said in plain words a patient
 * or a relative would use ("bruises on her legs", "a cough", "chest pain"): what an emotional line can
 * be about ("worried about these bruises") so the feeling answers the story and is not pasted in.
 * Only the case's own words are taken, so no fact is added; anything technical, numbered or long is left
 * alone (null) and the line stays general.
 */

/** Where the opening names why the patient came. The first that matches is read. */
const LEADS: RegExp[] = [
  /\bbecause (?:of|she has|he has|she has had|he has had|of (?:a|an) (?:\S+ )?history of)\s+(.+)/i,
  /\b(?:complains?|complaining|complaints?) of\s+(.+)/i,
  /\bfor (?:evaluation|assessment|an evaluation|further evaluation) of\s+(.+)/i,
  /\bwith (?:a|an) (?:[\w-]+ ){0,2}history of\s+(.+)/i,
  /\b(?:presents?|presenting|comes?|came|is brought|was brought|brought in|arrives?)\b[^.;]{0,60}?\bwith\s+(.+)/i,
  new RegExp(
    String.raw`\b(?:brought|comes?|came|presents?|presented|is seen|is evaluated)\b[^.;]{0,80}?\bfor\s+` +
      String.raw`(?!(?:a|an|the|his|her|evaluation|assessment|follow-up|routine)\b)(.+)`,
    'i',
  ),
  /\b(?:reports?|describes?|after|has had)\s+((?:\d+|a few|several) (?:minutes?|hours?|days?|weeks?|months?|years?) of\s+.+)/i,
];
/** How long it has gone on, before what: "3 days of", "a 2-day history of". */
const SPAN = /^(?:(?:\d+|a few|several|one|two|three) (?:minutes?|hours?|days?|weeks?|months?|years?) of|(?:a |an )?(?:\S+ )?history of)\s+/i;

/** Where the complaint's noun phrase ends: a clause, a time span, a cause or a second thought. */
const END = new RegExp(
  String.raw`[,.;:()]|\s(?:for|since|over|that|which|who|after|before|during|following|of \d|x\s?\d|that|starting|beginning|` +
    String.raw`and (?:is|has|was|had|a|an|he|she|his|her|the|says|reports|denies)|associated|despite|while|when|when|since|` +
    String.raw`lasting|in the (?:past|last)|on and off|as well|but|which|at|today|yesterday|this|last|\d)\b`,
  'i',
);

/** Plain words: symptoms a layperson names, body parts, a few qualities, and the small words between them. */
const PLAIN = new Set(
  (
    'a an the of in on and his her my left right both upper lower ' +
    'pain pains ache aches aching headache headaches cough coughing fever fevers rash rashes itch itching itchy swelling swollen ' +
    'lump lumps bump bumps bruise bruises bruising bleeding blood vomiting nausea diarrhea diarrhoea constipation ' +
    'breathlessness shortness breath wheezing wheeze tiredness fatigue weakness dizziness dizzy spells fainting faints falls ' +
    'sore sores throat burning numbness tingling blurred blurry vision trouble difficulty sleeping walking swallowing breathing ' +
    'spots blisters discharge nosebleeds stools stool urine urination weight loss gain night sweats cramps cramping crying ' +
    'fussiness feeding redness hair periods heavy irregular chest belly stomach abdominal back neck knee knees hip hips leg ' +
    'legs arm arms foot feet hand hands eye eyes ear ears face head mouth tooth teeth shoulder wrist ankle finger fingers toe ' +
    'toes skin joint joints muscle muscles tummy tongue lip lips nose worsening increasing sudden severe recurrent intermittent ' +
    'persistent painful new bloody central acute flank discomfort tightness pressure progressively gradually increasingly ' +
    'yellowing crampy loose throbbing spotting vaginal watery palpitations lightheadedness lightheaded swollen red dry frequent ' +
    'ongoing sharp dull mild low-grade high easy forgetful'
  ).split(/\s+/),
);
/** Qualities, sides and small words: a complaint made of these alone names nothing. */
const QUALITIES = new Set(
  (
    'a an the of in on and his her my left right both upper lower worsening increasing sudden severe recurrent intermittent ' +
    'persistent painful new bloody central acute flank progressively gradually increasingly crampy loose throbbing vaginal ' +
    'watery lightheaded swollen red dry frequent ongoing sharp dull mild low-grade high easy'
  ).split(/\s+/),
);

/** The words that can end a complaint: what is felt or seen, not a body part or a quality. */
const SYMPTOM = new RegExp(
  String.raw`^(?:pains?|aches?|aching|headaches?|cough|coughing|fevers?|rash(?:es)?|itch(?:ing)?|swelling|lumps?|bumps?|bruises?|` +
    String.raw`bruising|bleeding|vomiting|nausea|diarrhoea|diarrhea|constipation|breathlessness|breath|wheeze|wheezing|tiredness|` +
    String.raw`fatigue|weakness|dizziness|spells|fainting|falls|sores?|numbness|tingling|vision|sleeping|walking|swallowing|breathing|` +
    String.raw`spots|blisters|discharge|nosebleeds|stools?|urination|loss|gain|sweats|cramps|cramping|crying|fussiness|feeding|redness|` +
    String.raw`periods|palpitations|lightheadedness|yellowing|spotting|discomfort|tightness|pressure)$`,
);

/** Words that say nothing alone. */
const ALONE_NOT = /^(?:pressure|urination|loss|gain|vision|sleeping|walking|swallowing|breathing|feeding|breath|stools?|spells|discharge)$/;

/** The presenting complaint with "this"/"these" ("these bruises on her legs"), or null when the opening names none plainly. */
export function complaint(opening: string): string | null {
  // The reason named first is the presenting one: in "presents with breathlessness after stopping her diuretic because of
  // frequent urination" the later "because of" is why a drug was stopped. A companion ("with her husband") is no reason.
  const first = LEADS.map((re) => re.exec(opening))
    .filter((m): m is RegExpExecArray => m !== null && !PERSON.test(m[1]))
    .sort((a, b) => a.index + a[0].length - a[1].length - (b.index + b[0].length - b[1].length))[0];
  if (!first) return null;
  const whole = first[1].replace(SPAN, '').split(END)[0].trim();
  return (
    readings(whole)
      .map(phrase)
      .find((x) => x !== null) ?? null
  );
}

/** Someone the patient came with, not why they came. */
const PERSON = new RegExp(
  String.raw`^(?:his|her|their|a|an|the)\s+(?:\w+\s+)?(?:wife|husband|partner|mother|father|parents?|daughter|son|sister|brother|` +
    String.raw`friend|family|caregiver|carer|grand\w+|roommate)\b`,
  'i',
);

/**
 * The ways to say the complaint, fullest first: as written; the first of two ("abdominal pain and bilious
 * vomiting"); without where it is ("a painful lump on the outer thigh"); the plain words that end it
 * ("pleuritic chest pain" is "chest pain"). Each is the case's own words about the same complaint.
 */
function readings(np: string): string[] {
  const first = np.split(/\s+and\s+/)[0];
  const where = first.split(/\s+(?:on|in|of|over|around|at)\s+(?!breath\b)/)[0];
  const words = where.split(/\s+/);
  // A tail starts on the thing itself, not on a side ("right chest pain" is "chest pain").
  const tails = words.map((_, i) => words.slice(i).join(' ')).filter((t, i) => i > 0 && !/^(?:right|left|both|bilateral)\b/i.test(t));
  return [np, first, where, ...tails];
}

/** A plain complaint with its demonstrative, or null. */
function phrase(text: string): string | null {
  const np = text.replace(/^(?:a|an|the|some|several|multiple|\d+ episodes? of|episodes? of|(?:\S+ )?history of)\s+/i, '').trim();
  const words = np.toLowerCase().split(/\s+/);
  if (!np || words.length > 6 || !words.every((w) => PLAIN.has(w)) || words.every((w) => QUALITIES.has(w))) return null;
  if (/\s(?:and|of|in|on|his|her|my|the|a|an)$/i.test(np)) return null;
  const at = words.findIndex((w) => /^(?:of|in|on)$/.test(w));
  const head = at > 0 ? words[at - 1] : words[words.length - 1];
  // "shortness of breath" is one thing; otherwise the head before "of/in/on" or the last word names the symptom.
  if (!SYMPTOM.test(words[words.length - 1]) && !(at > 0 && SYMPTOM.test(head))) return null;
  // "this urination", "this loss": these need a word before them.
  if (words.length === 1 && ALONE_NOT.test(head)) return null;
  // Two things named together read as one worry: "the fever and cough".
  const these = words.includes('and') ? 'the' : /[^s]s$/.test(head) && !/(?:ness|sis)$/.test(head) ? 'these' : 'this';
  return `${these} ${np.toLowerCase()}`;
}

/** The complaint as the patient says it in their own quotation: "pain in my knee", not "pain in her knee". */
export const inOwnWords = (c: string) => c.replace(/\b(?:his|her)\b/g, 'my');

/** Words a worried person drops when naming their own complaint: its course, severity, character and side. */
const CLINICAL_QUALIFIERS = new Set([...QUALITIES].filter((w) => !/^(?:a|an|the|of|in|on|and|his|her|my)$/.test(w)));
/** Chart words for what people call otherwise. */
const LAY: Record<string, string> = { abdominal: 'stomach', fatigue: 'tiredness', difficulty: 'trouble', shortness: 'trouble breathing' };
/** A body part that stays with its symptom ("chest pain", "back pain"); anything else ("vaginal bleeding") is just "this bleeding". */
const PART = /^(?:chest|back|neck|knee|hip|leg|arm|stomach|shoulder|joint|ear|eye|tooth|throat|head|wrist|ankle)$/;

/**
 * How the speaker names the complaint in their own words: a short reference, never the case's long noun
 * phrase ("this sharp central chest pain" is "this chest pain", "this worsening shortness of breath" is
 * "this trouble breathing"). Right after the opening named it, the bare symptom ("this pain"). Two
 * things named together are "all of this". Only words are dropped or made plain: nothing is added.
 */
export function layComplaint(c: string, justNamed: boolean): string {
  const [these, ...rest] = c.split(' ');
  if (rest.includes('and')) return 'all of this';
  // "shortness of breath" and "yellowing of the skin" are one thing; other "of/in/on" tails say where.
  const np = rest
    .join(' ')
    .replace(/\bshortness of breath\b/, 'shortness')
    .replace(/\s+(?:of|in|on)\s.*$/, '');
  // "blurred vision", "loose stools", "weight loss": the head says nothing alone, so its word before stays.
  const bare = (i: number, ws: string[]) => i === ws.length - 2 && ALONE_NOT.test(ws[i + 1]);
  const words = np.split(' ').filter((w, i, ws) => !CLINICAL_QUALIFIERS.has(w) || bare(i, ws));
  const head = words.at(-1) ?? 'this';
  const before = words.at(-2) ?? '';
  const keep = words.length > 1 && ((PART.test(LAY[before] ?? before) && !justNamed) || ALONE_NOT.test(head) || before === 'weight');
  const said = `${keep ? `${LAY[before] ?? before} ` : ''}${LAY[head] ?? head}`;
  return `${/s$/.test(said) && these === 'these' ? 'these' : 'this'} ${said}`;
}
