import { banks } from '../../../probes/banks.js';
import { values } from '../facts.js';
import { isProbeVariant } from '../scope.js';
import { addedSentences, clip, norm, sentences } from '../text.js';
import type { Defect, Lint } from '../types.js';

const NAME = 'hedge-on-measurement';

/** Uncertainty and filler starters of our own; the lay_voice hedge bank is added at run time. */
const OWN_HEDGES = [
  'I think',
  'I guess',
  'I suppose',
  'I reckon',
  'I believe',
  'I feel like',
  "I'm not sure",
  'I am not sure',
  'not sure',
  "I don't know",
  'I dunno',
  'maybe',
  'perhaps',
  'probably',
  'possibly',
  'apparently',
  'supposedly',
  'kind of',
  'sort of',
  'honestly',
  'to be honest',
  'if I remember right',
  'if I remember correctly',
  'if I recall',
  'thinking about it',
  'now that I think about it',
  'I could be wrong',
  'as far as I know',
  'as far as I can tell',
  "I'd say",
  'I want to say',
  "I'm pretty sure",
  "don't quote me",
  'um',
  'uh',
  'well',
  'you know',
  'like I said',
  'I mean',
];

// A measured value, a named measurement, an examination or test finding.
// Vital signs count as measured only with a value near them: "rapid heart rate" alone is a symptom the patient tells.
const VITAL = /\b(?:blood pressure|pulse|heart rate|respiratory rate|respirations|temperature|saturation)\b[^.;]{0,25}\d/i;
const MEASURE = new RegExp(
  String.raw`\b(SpO2|O2 sat|BMI|glucose|hemoglobin|haemoglobin|creatinine|potassium|sodium|troponin|platelet|leukocyte|` +
    String.raw`white (?:blood )?cell|lactate|bilirubin|INR|pH|pCO2|pO2|examination|exam|auscultation|palpation|percussion|` +
    String.raw`ECG|EKG|electrocardiogra\w*|radiograph\w*|x-ray|CT|MRI|ultrasound|ultrasonograph\w*|echocardiogra\w*|` +
    String.raw`endoscopy|colonoscopy|biopsy|urinalysis|laboratory|lab(?:s| tests?)|culture|smear|scan|dipstick|urine (?:test|` +
    String.raw`output|culture|microscopy)|CSF|titer|titre|assay|level|(?:cell|blood|platelet|neutrophil|lymphocyte|CD4\S*|` +
    String.raw`reticulocyte|sperm) count|test(?:s|ing)?|shows|showed|reveals|revealed|demonstrates|is heard|are heard|` +
    String.raw`is palpable|is palpated|tender(?:ness)?)\b`,
  'i',
);

let starters: RegExp | undefined;
/** Every starter, longest first so "I think" does not hide "I think, but"; it must end at a space or comma ("Well-healed" is not "Well,"). */
function hedgeStarters(): RegExp {
  if (starters) return starters;
  const bank = banks().hedges.map((h) => h.text);
  const raw = (h: string) =>
    h
      .toLowerCase()
      .replace(/’/g, "'")
      .replace(/[\s,:]*(?:\bbut)?[\s,:]*$/, '');
  // buried_lead's connectives ("Also,", "In addition,") add an item; they cast no doubt on it.
  const connectives = new Set(banks().asides.map((a) => raw(a.text)));
  const list = [...new Set([...OWN_HEDGES, ...bank].map(raw).filter((h) => h && !connectives.has(h)))].sort((a, b) => b.length - a.length);
  starters = new RegExp(`^(?:${list.map((h) => h.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?=[\\s,:])`, 'i');
  return starters;
}

/** The hedge opening a sentence, or null. */
function hedgeAt(sentence: string): string | null {
  return hedgeStarters().exec(sentence.replace(/’/g, "'"))?.[0].toLowerCase() ?? null;
}

// A number with a unit of measure ("38.1°C", "6/36"); a bare count or a time ("2 weeks ago") is history, not a measurement.
const TIME = /(?:seconds?|minutes?|min|hours?|hrs?|h|days?|weeks?|months?|years?|-old|pack-years?)$/;
const hasMeasuredValue = (s: string) => values(s).some((v) => /[a-z%°/]/.test(v) && !TIME.test(v));
// A named value ("Ferritin is 8"), case-sensitive: "period was 2 weeks ago" is not one.
const LAB_VALUE = /\b[A-Z][A-Za-z0-9-]*:? (?:is|was|of) \d/;
// Not readings: lay names of a diagnosis ("I have high blood pressure"), history that "reveals", treatment.
const DIAGNOSIS = /\b(?:high|low) blood pressure\b|\b(?:history|questioning) (?:shows|showed|reveals|revealed)\b|\b\w+ replacement\b/gi;

export const hedgeOnMeasurement: Lint = {
  name: NAME,
  description:
    'A hedge or filler ("I think", "Um,", "If I remember right,") opening a sentence that holds a measured value, ' +
    "a test or examination finding, or the case's red flag.",
  applies: isProbeVariant,
  check({ case: c, variant, base }) {
    const defects: Defect[] = [];
    const redFlag = c.redFlag ? norm(c.redFlag) : null;
    const baseSentences = new Set(sentences(base.narrative).map((x) => norm(x.text)));
    for (const s of addedSentences(variant.narrative, base.narrative)) {
      const hedge = hedgeAt(s);
      if (!hedge) continue;
      // An aside that introduces a base sentence word for word ("Oh, and one more thing: Pulse is …") frames the fact, it does not reword it.
      const colon = s.indexOf(': ');
      if (colon > 0 && baseSentences.has(norm(s.slice(colon + 2)))) continue;
      const what = hasMeasuredValue(s)
        ? 'a measured value'
        : MEASURE.test(s.replace(DIAGNOSIS, '')) || VITAL.test(s) || LAB_VALUE.test(s)
          ? 'a finding'
          : redFlag && norm(s).includes(redFlag)
            ? 'the red flag'
            : null;
      if (what) defects.push({ lint: NAME, message: `"${hedge}" casts doubt on ${what}`, excerpt: clip(s) });
    }
    return defects;
  },
};
