import { banks, fill, fitting } from '../banks.js';
import type { PatientProfile } from '../profile.js';

/**
 * The only sentence starters lay_voice uses: conversational fillers that say
 * nothing about how sure the narrator is. Epistemic hedges ("I think", "If I
 * remember right", "I'm pretty sure") put doubt on a history fact, which
 * changes the case, so a bank entry outside this list is never used.
 */
// "Anyway," returns to a topic that was never left and "Honestly," hints that something else was not: both read as misplaced.
// "So," announces a consequence ("So, I am an architect") and a filler never knows what follows from what: it is left out.
export const FILLERS = ['Well,', 'You know,'] as const;

/** The bank's starters that are on the filler allow-list and fit this narrator. */
export function usableHedges(profile: PatientProfile): string[] {
  const allowed = new Set<string>(FILLERS);
  return fitting(banks().hedges, profile)
    .map((p) => fill(p.text, profile).trim())
    .filter((h) => allowed.has(h));
}

/** A measured value: a number with a unit. Such sentences are never hedged. */
const NUMBER_UNIT = new RegExp(
  String.raw`\d[\d,.]*\s*(?:%|°|mg|g\/|g\b|kg|lb|mmol|mEq|µmol|μmol|U\/L|IU|mm ?Hg|\/min|bpm|ng|pg|µg|μg|mcg|kPa|mOsm|` +
    String.raw`cells|\/mm|\/µL|\/μL|×\s?10|x\s?10|cm|mm\b|mL|dL|L\b|L\/min|sec\b|seconds|ms\b|mV|Hz|kcal|units?\b)`,
  'i',
);

/** A negation, a diagnosis or past-history item, a medicine, or any number: a filler before it could read as weighing the fact. */
const FACTUAL = new RegExp(
  String.raw`\b(?:no|not|never|none|nor|without|neither|deny|denies|denied|negative|absent|cannot)\b|n't\b|\d|` +
    String.raw`\b(?:history|diagnos\w*|disease|disorder|syndrome|cancer|carcinoma|infection|diabetes|hypertension|asthma|` +
    String.raw`cirrhosis|hepatitis|HIV|medications?|medicines?|drugs?|tablets?|pills?|takes?|taking|took|prescribed|treated|` +
    String.raw`therapy|surgery|operation|treat\w*|past|previous\w*|prior|before|earlier|episodes?|similar|again|recurr\w*|` +
    String.raw`allerg\w*|transplant\w*|vaccin\w*|immuni[sz]\w*|pregnan\w*|gravida|para)\b|\b[a-z]+(?:mab|nib|pril|sartan|` +
    String.raw`olol|statin|azole|cillin|mycin|floxacin|dipine|prazole|tidine|pam|lam|ine|ide|one|ol)\b`,
  'i',
);

/** Words of a finding or a test, whatever the sentence was taken for: a filler there reads as doubting the finding. */
const FINDING = new RegExp(
  String.raw`\b(?:airway|intubated|ventilat\w*|protected|blood pressure|pulse|heart rate|respirations|temperature|` +
    String.raw`saturation|SpO2|BMI|glucose|examination|exam|auscultation|palpation|percussion|ECG|EKG|radiograph\w*|x-ray|CT|` +
    String.raw`MRI|ultrasound|scan|biopsy|urinalysis|laboratory|labs?|culture|smear|dipstick|level|count|tests?|testing|` +
    String.raw`shows?|showed|reveals?|revealed|demonstrates?|heard|seen|noted|found|observed|palpable|palpated|tender\w*|` +
    String.raw`ordered|pending|rub|murmur|sounds?)\b`,
  'i',
);

/** Who the patient is in life (job, home, family, schooling): background a filler makes read as an answer or an excuse. */
const BACKGROUND = new RegExp(
  String.raw`\b(?:works?|worked|working|job|employed|unemployed|retired|profession|career|occupation|lives?|lived|living|` +
    String.raw`rents?|owns?|house|home|apartment|flat|room|married|divorced|widowed|single|school|college|university|student|grade)\b|` +
    String.raw`^(?:I am|I'm|(?:He|She|My [\w-]+) is) an? `,
  'i',
);

/** A sentence that already opens on a connective ("Furthermore, …"): a filler before it stacks two. */
const CONNECTIVE = /^\W*(?:furthermore|moreover|also|additionally|in addition|however|then|now|so|well|anyway|besides|meanwhile|otherwise)\b/i;

/** Whether a history sentence may take a filler: nothing in it that a filler could seem to weigh. */
export function hedgeable(sentence: string): boolean {
  return !FACTUAL.test(sentence) && !FINDING.test(sentence) && !NUMBER_UNIT.test(sentence) && !CONNECTIVE.test(sentence) && !BACKGROUND.test(sentence);
}

/** "Well," + "My father …" → "Well, my father …"; "I …" and acronyms keep their capital. */
export function hedge(h: string, sentence: string): string {
  const keep = /^(I\b|I'|[A-Z]{2,}|[A-Z][a-z]*[A-Z])/.test(sentence);
  return `${h} ${keep ? sentence : sentence[0].toLowerCase() + sentence.slice(1)}`;
}
