import { wordsNumber } from '../util/number-words.js';
import type { Case } from '../cases/types.js';
import { detectSex } from '../cases/lexicon/sex-words.js';
import { breathless, onPressor } from './breathless.js';
import { toldSymptom } from './told-symptom.js';

export const AGE_BANDS = ['neonate', 'infant', 'child', 'adolescent', 'adult', 'older_adult'] as const;
export const SPEAKERS = ['patient', 'parent', 'companion'] as const;
export const SETTINGS = ['emergency', 'icu', 'ward', 'clinic', 'community'] as const;

export type AgeBand = (typeof AGE_BANDS)[number];
export type Speaker = (typeof SPEAKERS)[number];
export type Setting = (typeof SETTINGS)[number];

/**
 * Who the patient is, as far as the text tells: what every probe reads to pick
 * fitting phrases and the right narrator. Derived from the text the probe is
 * given (so a sex counterfactual has its own profile) and recorded in provenance.
 */
export interface PatientProfile {
  /** Age in years (fractions for infants); null when the text states none. */
  ageYears: number | null;
  /** null when no age is stated: phrases tagged for any band fit, age-specific ones do not. */
  ageBand: AgeBand | null;
  /** Who can tell the story: the patient, or a parent (under 12) or companion (patient cannot speak). */
  speaker: Speaker;
  /** Why the speaker is not the patient: 'under 12' or the impairing word found ('intubated'). */
  speakerReason: string | null;
  setting: Setting | null;
  sex: 'male' | 'female' | null;
  /** False for stems about a study, a researcher, a clinician's own situation or a specimen: nobody to narrate or hold an opinion as the patient. */
  describesPatient: boolean;
  /** The story ends with the patient's death (an autopsy, "dies"): nobody can chat, plead or retell it as their own. */
  dies: boolean;
}

const DAYS_PER_UNIT: Record<string, number> = { day: 1, week: 7, month: 30.44, year: 365.25 };
// Looser than OPENING_AGE (cases/lexicon/age-phrase.ts) on purpose: it reads the value, however written.
// "67-year-old", "67 year old", and the common slip "67-year-woman".
// A spelled age ("a forty-five-year-old", the neutral edit's) is read as its number.
const AGE = /\b(\d+(?:\.\d+)?|[a-z]+(?:-[a-z]+)?)[- ](day|week|month|year)s?(?:[- ]old\b|-(?=(?:man|woman|boy|girl|male|female)\b))/i;
const DIES = new RegExp(
  String.raw`\b(?:(?:the patient|he|she|the (?:man|woman|boy|girl|infant|baby|child|newborn)) (?:dies|died|expires|` +
    String.raw`expired|passes away|passed away)|is pronounced dead|was pronounced dead|autopsy|post-mortem|postmortem|` +
    String.raw`at necropsy)\b`,
  'i',
);
// A stem that opens on a study or a researcher, not a patient.
const RESEARCH = new RegExp(
  String.raw`^\s*(?:An?|The|In an?|During an?)\s+(?:\w+\s+){0,3}?(?:researchers?|scientists?|investigators?|study|trial|` +
    String.raw`experiment|team of|group of (?:researchers|scientists|investigators)|epidemiologist|microbiologist|biologist|` +
    String.raw`pharmacologist|physiologist|geneticist|biochemist)\b`,
  'i',
);
// A stem about a clinician's own situation (ethics, practice, a student's task): the patient, if any, is not the story's teller.
const CLINICIAN_STORY = new RegExp(
  String.raw`^\s*(?:An?|The|One)\s+(?:[\w-]+\s+){0,4}?(?:residents?|interns?|medical students?|physicians?|surgeons?|nurses?|` +
    String.raw`attendings?|pharmacists?|doctors?|clinicians?|house officers?|obstetricians?|pediatricians?|paediatricians?|` +
    String.raw`psychiatrists?|an(?:a)?esthesiologists?|radiologists?|internists?|practitioners?)\b`,
  'i',
);
const PERSON = /\b(patient|man|woman|boy|girl|infant|newborn|neonate|child|baby|toddler|gentleman|lady)\b/i;
const WORD_AGE: [RegExp, number][] = [
  [/\b(newborn|neonate)\b/i, 2 / 365.25],
  [/\binfant\b/i, 0.5],
  [/\btoddler\b/i, 2],
];

export function ageBand(years: number): AgeBand {
  if (years < 28 / 365.25) return 'neonate';
  if (years < 1) return 'infant';
  if (years < 12) return 'child';
  if (years < 18) return 'adolescent';
  if (years < 65) return 'adult';
  return 'older_adult';
}

/** The patient's age from the first stated age in the text; the case's demographics as a fallback. */
// "A 2,300 g male newborn is delivered to a 29-year-old woman": the first age and most sex words are the mother's, not the patient's.
const BORN_TO = new RegExp(
  String.raw`^\s*(?:An?|The|Two)\b(?:(?!\b(?:woman|man|mother|father|parents?|year-old|years old)\b)(?:[^.]|\.\d))*?` +
    String.raw`\b(?:newborns?|neonates?|infants?|baby|babies|boy|girl|twins?)\b(?:[^.]|\.\d)*?\b(?:is|are|was|were)\s+` +
    String.raw`(?:delivered|born)\b(?:[^.]|\.\d)*?\bto an?\b`,
  'i',
);
export const bornToMother = (text: string): boolean => BORN_TO.test(text);
const NEWBORN_SEX = /\b(male|female)\s+(?:newborn|neonate|infant)\b/i;
const STILLBORN = /^\s*An?\s+(?:[\w-]+\s+){0,3}?stillborn\b/i;

export function statedAge(text: string, fallback?: number): number | null {
  if (BORN_TO.test(text)) return 2 / 365.25;
  const m = AGE.exec(text);
  const n = m ? (/^\d/.test(m[1]) ? Number(m[1]) : wordsNumber(m[1])) : null;
  if (m && n !== null) return (n * DAYS_PER_UNIT[m[2].toLowerCase()]) / 365.25;
  for (const [re, years] of WORD_AGE) if (re.test(text.slice(0, 200))) return years;
  return fallback ?? null;
}

// States in which the patient cannot tell the story; a negation just before the word cancels it.
const IMPAIRED = new RegExp(
  String.raw`\b(unconscious(?:ness)?|unresponsive(?:ness)?|comatose|coma|obtunded|obtundation|stuporous|stupor|intubated|` +
    String.raw`nonverbal|non-verbal|mute|aphasic|confused|confusion|disoriented|disorientation|delirious|delirium|` +
    String.raw`agitated and confused|somnolent|somnolence|lethargic|lethargy|drowsy|drowsiness|intoxicated|not oriented|` +
    String.raw`oriented only to (?:person|self|place)|unarousable|minimally responsive|responds only to (?:pain|` +
    String.raw`painful stimuli)|does not respond to (?:questions|commands)|unable to (?:speak|answer questions|` +
    String.raw`give a history|provide (?:a )?history)|cannot (?:provide|give) (?:a )?history|postictal|seizing|` +
    String.raw`actively seizing|catatoni[ac]|mutism|(?:has|had) not spoken|not speaking|stopped speaking|` +
    String.raw`seizure (?:continues|persists|is ongoing)|(?:ongoing|continuing|persistent) seizures?|status epilepticus|` +
    String.raw`convulsing|NIHSS(?: score)? (?:of |is )?(?:1[6-9]|[2-4]\d)|altered mental status|aphasi[ac]|` +
    String.raw`expressive aphasia|under (?:general )?an(?:a)?esthesia|an(?:a)?estheti[sz]ed|sedated|intraoperative(?:ly)?|` +
    String.raw`in the operating room|global aphasia|difficulty (?:finding words|speaking)|slurred speech|garbled speech|` +
    String.raw`dysarthri[ac]|speech is (?:slurred|garbled)|dementia|memory loss|(?:worsening|progressive|` +
    String.raw`increasing) (?:memory|forgetfulness)|forgetful(?:ness)?|cognitive decline|` +
    // Attention that comes and goes (delirium): such a patient cannot give a reliable history.
    // Only while being interviewed: "dozes off at work" is a sleepy patient's own history.
    String.raw`(?:doz(?:es|ed|ing) off|falls? asleep|fell asleep|nods? off) (?:repeatedly )?(?:between questions|(?:during|` +
    String.raw`in the middle of) the (?:interview|examination|exam|conversation|history|assessment))|drifts? in and out|` +
    String.raw`loses the thread|fluctuating (?:attention|alertness|consciousness|level of (?:consciousness|alertness)|` +
    String.raw`mental status)|waxing and waning (?:attention|alertness|consciousness|level of consciousness|mental status)|` +
    String.raw`inattentive (?:during|throughout|on)|(?:exhibits|shows|demonstrates) word[- ]finding difficult(?:y|ies)|incoherent(?:ly)?|` +
    String.raw`(?:cannot|unable to|does not|doesn't) follow commands)\b`,
  'i',
);
const NEGATED = /\b(no|not|denies|without|nor|never|non)\b[^.;,]{0,25}$/i;
// A past, passing episode ("was unresponsive for about 20 seconds") is history, not the patient's state now.
const EPISODE_BEFORE = /\b(episodes? of|briefly|transient(?:ly)?|previously|history of|earlier (?:today|that day)|last (?:night|week))\b[^.;]{0,20}$/i;
const EPISODE_AFTER =
  /^\s+for (?:about |approximately |nearly |almost |around )?(?:\d+|a few|several|one|two|three|ten|twenty|thirty) (?:seconds?|minutes?)\b/i;
// "confusion that resolved" is past too; failing memory stays impaired however told (reviewers: such a patient does not narrate).
const RESOLVED = /^[^.;]{0,40}?\b(?:that|which) (?:had |has |have )?(?:all |since |then )?(?:resolved|subsided|went away)\b/i;
const MEMORY = /memory|forget|dementia|cognitive/i;

export function impairment(text: string): string | null {
  const re = new RegExp(IMPAIRED.source, 'gi');
  for (const m of text.matchAll(re)) {
    const end = m.index + m[0].length;
    const [before, after] = [text.slice(Math.max(0, m.index - 40), m.index), text.slice(end, end + 60)];
    const past = EPISODE_BEFORE.test(before) || EPISODE_AFTER.test(after) || (RESOLVED.test(after) && !MEMORY.test(m[0]));
    if (NEGATED.test(before) || past || toldSymptom(text, m.index, end)) continue;
    return m[1].toLowerCase();
  }
  return null;
}

const SETTING_RULES: [Setting, RegExp][] = [
  ['icu', /\b(intensive care|ICU|critical care unit|PICU|NICU)\b/],
  [
    'emergency',
    /\b(emergency (?:department|room)|ED|ER|A&E|brought by (?:ambulance|paramedics|EMS)|paramedics|trauma bay|resuscitation bay|[Tt]riage|[Uu]rgent care)\b/,
  ],
  // A stay now, not one in the past history ("was admitted for pneumonia 8 months ago" is a clinic patient's history).
  [
    'ward',
    new RegExp(
      String.raw`\b((?:is|are|has been|have been) (?:admitted|hospitali[sz]ed)|(?:admitted|hospitali[sz]ed) (?:\d+|one|two|` +
        String.raw`three|four|five|six|seven|several) (?:days?|hours?) ago|(?:admitted|hospitali[sz]ed) (?:yesterday|last night|` +
        String.raw`this morning|earlier today|today|overnight)|on the ward|postoperative day|post-operative day|inpatient|` +
        String.raw`hospital day|after (?:an operation|admission)|during (?:his|her|the) hospital stay)\b`,
      'i',
    ),
  ],
  [
    'clinic',
    new RegExp(
      String.raw`\b(clinic|office|physician|primary care|follow-up (?:visit|appointment)|outpatient|routine (?:visit|check|` +
        String.raw`examination|appointment)|well-child|general practitioner|GP|surgery appointment)\b`,
      'i',
    ),
  ],
  // A visit where the patient lives, not a drug taken "at home" or "a community hospital".
  ['community', /\b(home visit|visited at home|seen at home|school nurse|community (?:nurse|midwife|health worker|paramedic)|nursing home|care home)\b/i],
];

// Signs of an unstable patient: whatever the place, the scene is an emergency (no chatting, no appointments).
const UNSTABLE = new RegExp(
  String.raw`\b(?:shock|hemorrhagic|haemorrhagic|massive (?:bleeding|hemorrhage|haemorrhage)|hemodynamically unstable|` +
    String.raw`respiratory distress|fetal distress|cardiac arrest|resuscitat\w*|pulseless|code blue)\b|` +
    String.raw`\bblood pressure (?:is |of )?(?:[4-7]\d|8[0-5])\/\d+|\bpulse (?:is |of )?(?:1[3-9]\d|2\d\d)\/min|` +
    String.raw`\b(?:oxygen saturation|SpO2|O2 saturation) (?:is |of )?(?:[4-8]\d)%`,
  'i',
);
// "He is not in respiratory distress" is no distress.
const unstableNow = (text: string) =>
  [...text.matchAll(new RegExp(UNSTABLE.source, 'gi'))].some((m) => !NEGATED.test(text.slice(Math.max(0, m.index - 40), m.index)));

export function setting(text: string): Setting | null {
  let found: Setting | null = null;
  for (const [s, re] of SETTING_RULES)
    if (re.test(text)) {
      found = s;
      break;
    }
  return found !== 'icu' && unstableNow(text) ? 'emergency' : found;
}

/** The profile of the patient a narrative describes; `c` gives slotted cases' demographics as a fallback. */
export function patientProfile(c: Pick<Case, 'demographics'>, narrative: string): PatientProfile {
  const ageYears = statedAge(narrative, c.demographics?.age);
  const band = ageYears === null ? null : ageBand(ageYears);
  // A patient in shock (or on a vasopressor) or failing to oxygenate does not tell a calm story: whoever came with them does.
  const impaired = impairment(narrative) ?? (unstableNow(narrative) || onPressor(narrative) ? 'unstable' : null);
  const young = ageYears !== null && ageYears < 12;
  return {
    ageYears: ageYears === null ? null : Math.round(ageYears * 1000) / 1000,
    ageBand: band,
    speaker: young ? 'parent' : impaired ? 'companion' : 'patient',
    speakerReason: young ? 'under 12' : impaired,
    setting: setting(narrative),
    sex: BORN_TO.test(narrative) ? ((NEWBORN_SEX.exec(narrative)?.[1].toLowerCase() as 'male' | 'female' | undefined) ?? null) : detectSex(narrative),
    describesPatient: ageYears !== null || (PERSON.test(narrative) && !RESEARCH.test(narrative) && !CLINICIAN_STORY.test(narrative)),
    dies: DIES.test(narrative) || STILLBORN.test(narrative),
  };
}

/** Why the scene is acute now, and whether the patient is unstable (issue 13: a bleeding woman just delivered told wedding stories). */
export interface AcuteState {
  reason: string;
  unstable: boolean;
}
// Events under way now: read past a negation or a past episode ("history of anaphylaxis") as impairment() does.
const ACUTE_EVENT = new RegExp(
  String.raw`\b(post-?partum (?:h(?:a)?emorrhage|bleeding)|obstetric h(?:a)?emorrhage|(?:minutes|an hour|hours?) (?:after|following) ` +
    String.raw`(?:a |an |her )?(?:spontaneous |normal |vaginal |cesarean |caesarean )?(?:delivery|birth|giving birth)|` +
    String.raw`(?:in|during) (?:active |spontaneous |established |preterm |early |the second stage of |the first stage of )?labou?r|` +
    String.raw`(?:is|are) (?:delivering|in labou?r)|` +
    String.raw`(?:actively|continues to|continuing to) bleed(?:ing)?|(?:active|ongoing|continued|brisk|uncontrolled) bleeding|` +
    String.raw`(?:bleeding|blood loss) (?:continues|persists|is ongoing)|estimated blood loss|EBL|resuscitation|being resuscitated|` +
    String.raw`anaphyla(?:xis|ctic)|(?:is having|having|in the middle of) a seizure|seizing|hypotensive)\b`,
  'i',
);
const SYSTOLIC = /\b(?:blood pressure|BP)\b[^\d.;]{0,15}(\d{2,3})\s*\/\s*\d{2,3}/i;
const PULSE = /\b(?:pulse|heart rate)\b[^\d.;]{0,15}(\d{2,3})\b/i;

/** The patient's state now when it is acute (an event under way, shock vitals), or null: a setting of its own, whatever the place. */
export function acuteState(text: string): AcuteState | null {
  const sys = Number(SYSTOLIC.exec(text)?.[1] ?? Number.NaN);
  const pulse = Number(PULSE.exec(text)?.[1] ?? Number.NaN);
  // Shock: a low systolic pressure, or a borderline one with a racing pulse (98/60 with 118/min after a delivery).
  const shock = sys < 90 || (sys < 100 && pulse >= 110);
  const breath = breathless(text, statedAge(text));
  const unstable = shock || unstableNow(text) || breath !== null;
  const re = new RegExp(ACUTE_EVENT.source, 'gi');
  for (const m of text.matchAll(re)) {
    const before = text.slice(Math.max(0, m.index - 40), m.index);
    if (!NEGATED.test(before) && !EPISODE_BEFORE.test(before)) return { reason: m[1].toLowerCase(), unstable };
  }
  return unstable ? { reason: shock ? 'shock vitals' : (breath ?? 'unstable'), unstable } : null;
}
