import { banks, fill, fitting } from '../banks.js';
import type { PatientProfile } from '../profile.js';
import type { Rng } from '../../util/rng.js';

/**
 * lay_voice's heavier doses. Dose 2 adds spoken fillers to the teller's quoted words; dose 4 adds, on top, typos of
 * a person typing their story into an intake form. Only fillers that say nothing about how sure the teller is: an
 * epistemic hedge ("I think", "If I remember right,") would make a stated fact uncertain, and a sincerity marker
 * ("Honestly,", "To be honest,") makes a denial read as one to doubt. All come from hedges.yaml.
 */
/** Said at the start of the story. */
export const OPENERS = ['Okay, so', 'Right, so', 'Well,'] as const;
/** Said before a later sentence; the first two only go on within a run (they add to what came just before). "Well," opens the story only. */
export const LATER = ['Oh, and', 'Also,', 'You know,', 'Just so you know,', 'If it helps,'] as const;
/** Fillers that offer something ("Just so you know,"): only before a list of medicines, allergies or past history the teller gives. */
export const OFFERING = ['Just so you know,', 'If it helps,'] as const;
const OFFERED = new RegExp(
  String.raw`\b(?:takes?|taking|took|medications?|medicines?|pills?|tablets?|inhalers?|prescribed|allerg\w*|diagnosed|history of|` +
    String.raw`vaccin\w*|immuni[sz]\w*|operations?|surgery|surgeries)\b`,
  'i',
);
/**
 * The sentence is the list itself: the medicine, allergy or history word within its first words, not deep in a symptom's clause;
 * never a social-history line (drugs, drink, sex), which no teller volunteers with a friendly "If it helps,".
 */
const offers = (clean: string) => OFFERED.test(clean.split(/\s+/).slice(0, 6).join(' ')) && !SOCIAL.test(clean);
const SOCIAL = /\b(?:heroin|cocaine|cannabis|marijuana|methamphetamine|drug use|illicit|smok\w*|cigarettes?|alcohol|drinks?|sexual\w*|partners?)\b/i;
/** A denial or any negated sentence: a filler before it reads as doubting it ("Well, she denies …"). */
const NEGATED = /\b(?:no|not|never|none|nor|neither|without|nothing|nobody|denies|denied|deny)\b|n['’]t\b/i;
/** The starter said as a short aside of its own before the story, when no sentence can take a filler. */
export const ASIDE_STARTER = "Sorry, I'm not great at explaining, but";

/** A number (digits or words): no filler stands before one. */
const NUMBER =
  /\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|dozen|half|once|twice|single|double)\b/i;
/** A measurement, an examination or a test, whoever reports it: a filler there reads as weighing the finding. */
const FINDING = new RegExp(
  String.raw`\b(?:airway|intubated|ventilat\w*|blood pressure|pulse|heart rate|respirations|temperature|saturation|SpO2|BMI|` +
    String.raw`glucose|examination|exam|auscultation|palpation|ECG|EKG|radiograph\w*|x-ray|CT|MRI|ultrasound|scan|biopsy|` +
    String.raw`urinalysis|laboratory|labs?|culture|smear|level|count|tests?|testing|shows?|showed|reveals?|revealed|` +
    String.raw`demonstrates?|heard|seen|noted|found|observed|palpable|tender\w*|measured|reading)\b`,
  'i',
);
/** A sentence already opening on a connective ("Furthermore, …"): a filler before it stacks two. */
const CONNECTIVE = /^\W*(?:furthermore|moreover|also|additionally|in addition|however|then|now|so|well|anyway|besides|meanwhile|otherwise|oh)\b/i;
/** First words a filler may lower ("Well, my father …"); any other capital may be a name. "I" keeps its capital. */
const LOWERABLE = new RegExp(
  String.raw`^(?:My|Our|He|She|They|We|It|There|The|This|That|These|Those|His|Her|Their|A|An|At|In|On|After|Before|When|Since|Over|For|During|` +
    String.raw`About|Last|Yesterday|Today|Recently|Sometimes|Both|Nobody|Nothing|Everything|Lately|Most|Some|Every|Each)\b`,
);

/** The hedge bank's entries on a list, fitting this teller (the bank is the source; a list entry it lacks is never used). */
function usable(list: readonly string[], profile: PatientProfile): string[] {
  const have = new Set(fitting(banks().hedges, profile).map((p) => fill(p.text, profile).trim()));
  return list.filter((h) => have.has(h));
}

export interface Told {
  /** The teller's words so far (the opening: only what follows the clinician's line). */
  text: string;
  clean: string;
  /** The first sentence of a quoted run, and of the first run. */
  runStart: boolean;
  quoteStart: boolean;
  /** The piece after it (told or not), clean: a sentence that leans on this one. */
  next?: string;
}

/** A sentence leaning on the one before ("This startled her …", "Two days later …"): that one keeps its words. */
export const LEANS = new RegExp(
  String.raw`^\W*(?:this|that|these|those|it|they|such|then|afterwards?|later|subsequently|since then|despite|however|still|again|` +
    String.raw`the latter|the former|\w+ (?:hours?|days?|weeks?|months?|years?) later)\b`,
  'i',
);
/** Or refers back in its first clause ("I lost 3 kg during this time"). */
const REFERS_BACK = /\b(?:(?:this|that|the same) (?:time|period|interval)|(?:since|by|until) then|during (?:this|that))\b/i;
export const leans = (next: string | undefined) => !!next && (LEANS.test(next) || REFERS_BACK.test(next.split(/[,;:]/)[0]));

export interface Hedged {
  sentence: number;
  hedge: string;
  /** An aside of its own before the sentence, not a starter of it. */
  aside?: true;
}

/** Whether a told sentence may take a filler: no number, finding, red flag, connective, quotation, nor a capital that may be a name. */
function takesFiller(t: Told, redFlag: string | undefined): boolean {
  if (NUMBER.test(t.text) || FINDING.test(t.text) || CONNECTIVE.test(t.text) || NEGATED.test(t.text) || /["“”]/.test(t.text)) return false;
  if (redFlag && t.clean.toLowerCase().includes(redFlag.toLowerCase())) return false;
  if (leans(t.next)) return false;
  return /^I\b/.test(t.text) || LOWERABLE.test(t.text);
}

/** "Well," + "My father …" → "Well, my father …"; "I …" keeps its capital. */
const starter = (h: string, s: string) => `${h} ${/^I\b/.test(s) ? s : s[0].toLowerCase() + s.slice(1)}`;

/**
 * Fillers in the teller's words, about one for every two told sentences (at least one), never the same twice: the
 * story's start takes an opener, a later sentence a later filler. Where no sentence can take one, the teller's
 * apology for their telling ("Sorry, I'm not great at explaining.") stands as an aside before the story.
 */
export function hedgeTold(told: Told[], profile: PatientProfile, redFlag: string | undefined, rng: Rng): Hedged[] {
  const openers = usable(OPENERS, profile);
  const later = usable(LATER, profile);
  const want = Math.max(1, Math.floor(told.length / 2));
  const open = told.map((_, i) => i).filter((i) => takesFiller(told[i], redFlag));
  const out: Hedged[] = [];
  for (const i of rng.shuffle(open)) {
    if (out.length >= want) break;
    const used = new Set(out.map((h) => h.hedge));
    const fits = (h: string) => (!told[i].runStart || !/^(?:Oh, and|Also,)$/.test(h)) && (!OFFERING.includes(h as never) || offers(told[i].clean));
    const list = (told[i].quoteStart ? openers : later.filter(fits)).filter((h) => !used.has(h));
    if (!list.length) continue;
    const h = rng.pick(list);
    told[i].text = starter(h, told[i].text);
    out.push({ sentence: i, hedge: h });
  }
  const aside = usable([ASIDE_STARTER], profile)[0];
  if (!out.length && aside && told.length) {
    const at = Math.max(
      0,
      told.findIndex((t) => t.quoteStart),
    );
    told[at].text = `${aside.replace(/,\s*but$/, '.')} ${told[at].text}`;
    out.push({ sentence: at, hedge: aside, aside: true });
  }
  return out.sort((a, b) => a.sentence - b.sentence);
}

/** A patient in an acute state (shock, too breathless to talk, labour or a seizure under way) types nothing: a relative may. */
export const canType = (patientTells: boolean, acute: boolean) => !(patientTells && acute);

/**
 * The clinician's line at dose 4: "…, in her own words (typed on a phone and shown to the nurse): ". A story typed out on a
 * phone and shown to staff fits every setting, the emergency department included, where an intake form would not.
 */
export const TYPED = ' (typed on a phone and shown to the nurse)';
export function typedLine(line: string): string | null {
  const m = /:\s*$/.exec(line);
  return m ? `${line.slice(0, m.index)}${TYPED}${line.slice(m.index)}` : null;
}

/** A stay in hospital now: a day of a course or stay ("day 12 of induction chemotherapy"), as the setting may not say. */
const INPATIENT = new RegExp(
  String.raw`\b(?:(?:hospital|postoperative|post-operative) day|day \d+ (?:of|after|following) (?:\w+ ){0,3}(?:induction|chemotherapy|admission|` +
    String.raw`hospitali[sz]ation|stay|surgery|operation|transplant\w*)|(?:since|after|following) admission|while (?:admitted|hospitali[sz]ed|in hospital)|` +
    String.raw`during (?:his|her|their|the|this) (?:admission|hospitali[sz]ation|hospital stay))\b`,
  'i',
);
/** A route only the team gives a drug by, or the patient's response to the department's care ("tolerating oral fluids"). */
const TEAM_ROUTE = new RegExp(
  String.raw`\b(?:intravenous(?:ly)?|intramuscular(?:ly)?|subcutaneous(?:ly)?|nebuli[sz]ed|sedated|intubated|fluid bolus)\b` +
    String.raw`(?! (?:drugs?|heroin|cocaine|use|injection|substance))|\btolerat(?:es|ing) (?:oral|fluids|a diet|food)\b|` +
    String.raw`\b(?:on|since) arrival\b|\b(?:received|given|administered|treated)\b[^.;]{0,80}\bin the (?:emergency )?department\b`,
  'i',
);
/** Care given ("was started on", "responded to") is the team's now unless the sentence places it before, or by another doctor. */
const CARE_GIVEN =
  /\b(?:(?:was|were|is|are|has been|have been) (?:given|administered|started on|treated with|commenced on)|administration of|respon(?:ded|se) to)\b/i;
const CARE_BEFORE = new RegExp(
  String.raw`\b(?:ago|previous(?:ly)?|prior|remote|history|earlier|last (?:week|month|year)|for the past|in (?:her|his|their) \d0s|` +
    String.raw`by (?:her|his|their|a|the) (?:primary care|family|general|doctor|physician|GP|psychiatrist|dermatologist|p(?:a)?ediatrician))\b`,
  'i',
);
/** "IV" as the route, not a numeral ("stage IV"). */
const IV = /(?<!\b(?:[Ss]tage|[Gg]rade|[Tt]ype|[Cc]lass|[Pp]hase|[Ll]evel|[Ff]actor) )\bIV\b(?! (?:drugs?|heroin|cocaine|use))/;
const teamCare = (t: string) => ((TEAM_ROUTE.test(t) || IV.test(t)) && !/\binject/i.test(t)) || (CARE_GIVEN.test(t) && !CARE_BEFORE.test(t));
/** A value with its unit the team measures (temperature, pressure, rate, saturation, a laboratory level); a home reading is the patient's. */
const MEASURED = /\d\s*(?:°\s*[CF]\b|mm ?Hg\b|\/min\b|%|(?:mEq|mmol|µmol|umol|mg|g|ng|pg|µg|U|IU|mU|mIU)\/(?:L|dL|mL)\b|\/mm3\b|cells\/)/i;
const AT_HOME =
  /\bfevers? (?:up )?to \d|\b(?:at home|home (?:readings?|monitor\w*|measurements?)|thermometer|glucometer|(?:she|he|they|I) (?:measured|checked))\b/i;

/**
 * Why a typed story (dose 4) would misread the scene, or null: an inpatient on a ward or in intensive care types nothing to
 * show the nurse, and a typed sentence reports no care the team gave, no response to it, and no value measured in hospital.
 */
export function untypable(setting: string | null, narrative: string, told: readonly string[]): string | null {
  if (setting === 'ward' || setting === 'icu' || INPATIENT.test(narrative)) return 'the patient is an inpatient, where nobody types a story';
  if (told.some(teamCare)) return 'a told sentence reports care the team gave or the response to it';
  if (told.some((t) => MEASURED.test(t) && !AT_HOME.test(t))) return 'a told sentence gives a value measured in hospital';
  return null;
}
