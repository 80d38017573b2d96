import { banks, fitting, type Phrase } from '../banks.js';
import type { PatientProfile } from '../profile.js';
import type { SentenceKind } from '../structure/sentence-kind.js';

/** The finding names a test ("Laboratory studies show …", "A smear …"), not a history that is "notable for" something. */
const NAMES_TEST = new RegExp(
  String.raw`\b(?:lab(?:oratory)?|serum|urine|urinalysis|smear|biops\w+|cultures?|stain|x-rays?|radiograph\w*|CT|MRI|ultrasound|` +
    String.raw`ultrasonograph\w*|sonograph\w*|echocardiogra\w+|ECG|EKG|electrocardiogra\w+|electroencephalogra\w+|imaging|scan|` +
    String.raw`levels?|count|tests?|testing|panel|analysis|studies|electrophoresis|serolog\w+|titers?|assay|aspirat\w+|PCR|` +
    String.raw`cytolog\w+|patholog\w+|histolog\w+|spirometry|endoscop\w+|colonoscop\w+|angiogra\w+|mammogra\w+|(?:blood|gas) \w+)\b`,
  'i',
);
/** The finding reads as examined ("On examination …", "A murmur is heard …"). */
const NAMES_EXAMINATION = new RegExp(
  String.raw`\b(?:exam\w*|palpat\w+|palpable|auscultation|inspection|percussion|(?:is|are) (?:heard|noted|seen|felt|observed|` +
    String.raw`elicited|visible)|reflex\w*|murmurs?|bruits?|gallop|crackles|rales|wheez\w*|rub)\b`,
  'i',
);
/** A test ordered or done, its result not given ("CT scan is performed to check for …"): no result to bring in. */
const ORDERED = /\b(?:is|are|was|were) (?:performed|ordered|obtained|planned|done|sent|requested)\b(?!.*\b(?:shows?|showed|reveals?|revealed|demonstrat\w+))/i;
const PAST = /\b(?:history|reports?|says|states|denies|complains|mentions|tells|calls|feels|notices|noticed|developed|concerned|worried|at home)\b/i;
/** Told about a person ("She calls because …", "He developed a fever …"), not a finding written down; a possessive ("His hemoglobin …") is fine. */
const PERSON_FIRST = /^(?:she|he|they|the patient(?!['’]s)|(?:his|her) (?:mother|father|wife|husband|partner|parents|daughter|son))\b/i;
/** A measurement names what was measured; an examination or test in the same breath makes it one of those. */
const NAMES_MEASUREMENT =
  /\b(?:temperature|pulse|blood pressure|heart rate|respiratory rate|respirations|saturation|SpO2|weight|height|BMI|vital signs|capacity)\b/i;
const fits: Partial<Record<SentenceKind, (s: string) => boolean>> = {
  test: (s) => NAMES_TEST.test(s) && !PAST.test(s) && !PERSON_FIRST.test(s) && !ORDERED.test(s),
  examination: (s) => NAMES_EXAMINATION.test(s) && !PAST.test(s) && !PERSON_FIRST.test(s),
  measurement: (s) => NAMES_MEASUREMENT.test(s) && !NAMES_EXAMINATION.test(s) && !PAST.test(s) && !PERSON_FIRST.test(s),
};
/**
 * The connective the moved finding needs, if any. A result, an examination finding or a
 * measurement (its words bear its kind out), or a unit opening on a table label, reads
 * naturally as the last item of a note and takes none: reviewers found "Another point:",
 * "One more thing:", "There is one more result:" mechanical. Anything else (history told
 * after the results) would read as out of place, so it takes a short plain one ("Also,").
 */
export function asidesFor(body: string, sentenceKind: SentenceKind, profile: PatientProfile, labelFirst: boolean): Phrase[] {
  // What a finding reads as: its sentence kind if its words bear it out, else the first kind they do (history stays history)
  // ("neurological examination shows weakness (4/5)" is an examination, whatever the "4/5" made of it).
  const kind =
    sentenceKind === 'history' ? sentenceKind : (([sentenceKind, 'test', 'examination', 'measurement'] as const).find((k) => fits[k]?.(body)) ?? sentenceKind);
  const reads = kind !== 'history' && (fits[kind]?.(body) ?? false);
  return labelFirst || reads ? [] : fitting(banks().asides, profile);
}
