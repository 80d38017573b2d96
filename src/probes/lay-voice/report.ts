import { lowerFirst } from '../../util/english.js';
import type { SentenceKind } from '../structure.js';
import type { Rng } from '../rng.js';

export type Finding = Exclude<SentenceKind, 'history'>;

/** How a narrator passes on one plain measurement or examination finding: never as their own observation. */
const FRAMES: Record<Finding, string[]> = {
  measurement: ['The nurse told me', 'The nurse said', 'According to the nurse,'],
  examination: ['The doctor said', 'The doctor told me', 'According to the doctor,'],
  test: ['The doctor told me', 'The doctor said'],
};

/** Before technical findings, quoted word for word: a person reads them out or repeats the doctor's words. */
const QUOTES = {
  test: ['My results sheet says:', 'The report they gave me says:', "The doctor's note says:"],
  other: ["The doctor's note says:", 'The doctor wrote:', 'In the doctor\'s words:'],
};

/** Before a lab table: one introduction, then the table as it is. */
const TABLE_INTROS = { me: 'They gave me a results sheet', us: 'They gave us a results sheet' };

/** Clinical words a person would only repeat from the doctor or read from a sheet. */
const TECHNICAL = /[()\d]|\b(?:oriented|asterixis|murmur|bruit|gallop|rales|rhonchi|crackles|wheez\w*|reflex\w*|Babinski|Romberg|nystagmus|intercostal|sternal|midclavicular|auscultation|palpation|percussion|guarding|rebound|hepatomegaly|splenomegaly|lymphadenopathy|erythematous|macul\w*|papul\w*|vesic\w*|plaques?|lesions?|nodul\w*|fundus\w*|fundoscop\w*|papilledema|conjunctiv\w*|sclera\w*|icterus|JVP|jugular|S1|S2|S3|S4|holosystolic|systolic|diastolic|ejection|cells?|leads?|ECG|EKG|tympan\w*|dullness|effusion|mass|edema|oedema|pitting|cyanosis|clubbing|tone|strength|sensation|proprioception|dysmetria|ataxi\w*|fasciculation\w*|clonus|rigidity|bradykinesia|tremor|distension|distended|tenderness|tender)\b/i;

/** Vital-sign words that name the patient's own numbers: "my temperature", not "temperature". */
const VITAL = /^(?:the )?(temperature|pulse|heart rate|blood pressure|respirations|respiratory rate|oxygen saturation|pulse oximetry|weight|height|BMI|body mass index|vital signs|vitals)\b/i;

/** A clean sentence that tells the patient's own history, whatever its findings: never put in a clinician's mouth. */
const OWN_REPORT = /\b(?:states|stated|says|said|reports that|history)\b|^(?:She|He|The (?:patient|man|woman|boy|girl|child))(?: \w+ly)? (?:reports?|describes?|denies|complains?|endorses?|recalls?|admits?|mentions?|has had|had|has a|was diagnosed|takes|smokes|drinks)\b/i;
/** The clinician's own doings or plans, or "you" (the examining doctor): not the narrator's words to pass on. */
const CLINICIAN_ACT = /\b(?:you|your)\b|^(?:The |A |An |His |Her |My )?(?:physician|doctor|nurse|team|surgeon|clinician|resident|radiologist|pathologist|pediatrician|obstetrician|psychiatrist|case manager)s?\b|\b(?:is|are|will be|was|were) (?:needed|planned|scheduled|ordered|recommended|indicated|requested|considered|being considered)\b|\bwill\b/i;

/** Whether a finding sentence may be passed on as the clinicians' at all. */
export function reportable(clean: string): boolean {
  return !OWN_REPORT.test(clean) && !CLINICIAN_ACT.test(clean);
}

/** Whether a lone finding is plain enough for the narrator to repeat in their own sentence. */
export function plain(clean: string, kind: Finding): boolean {
  if (kind === 'measurement') return clean.length <= 160 && !/[()]/.test(clean);
  if (kind === 'examination') return clean.length <= 90 && !TECHNICAL.test(clean);
  return false;
}

/** A plain finding in a frame: "The nurse told me my temperature is 37.2°C …" (values in place). */
export function framed(retold: string, kind: Finding, rng: Rng, possessive: string, avoid?: string): { text: string; frame: string } {
  const choices = FRAMES[kind].filter((f) => f !== avoid);
  const frame = rng.pick(choices.length ? choices : FRAMES[kind]);
  let body = lowerFirst(retold);
  body = body.replace(VITAL, (m, noun: string) => `${possessive} ${noun.replace(/^[A-Z](?=[a-z])/, (c) => c.toLowerCase())}`);
  return { text: `${frame} ${body}`, frame };
}

/** The introduction for a run of technical findings quoted verbatim. */
export function quoteIntro(kinds: Finding[], rng: Rng, avoid?: string): string {
  const list = kinds.includes('test') ? QUOTES.test : QUOTES.other;
  const choices = list.filter((f) => f !== avoid);
  return rng.pick(choices.length ? choices : list);
}

/** Double quotes inside a quoted finding become single ones, so the quotation closes where it should. */
export const innerQuotes = (s: string) => s.replace(/"/g, "'").replace(/[“”]/g, (c) => (c === '“' ? '‘' : '’'));

/** A table's header, introduced once: a bare label goes on its own line under the introduction. */
export function tableIntro(header: string, patientNarrates: boolean): { text: string; frame: string } {
  const intro = patientNarrates ? TABLE_INTROS.me : TABLE_INTROS.us;
  const label = !/[:.!?]$/.test(header.trim()) && !/\b(?:is|are|was|were|shows?|showed|reveals?|revealed|include[sd]?)\b/i.test(header);
  return label ? { text: `${intro}:\n${header}`, frame: intro } : { text: `${intro}. ${header}`, frame: intro };
}

export { lowerFirst } from '../../util/english.js';
