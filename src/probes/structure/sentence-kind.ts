/** What a sentence reports, for where hedges and lay words may go. */
export type SentenceKind = 'history' | 'measurement' | 'examination' | 'test';

const TEST = new RegExp(
  [
    '\\blab(?:oratory|oratories|s)?\\b',
    '\\b(?:serum|plasma|arterial blood gas|blood gas|complete blood count|metabolic panel|blood (?:tests?|studies|' +
      'work|count|cultures?|smear|levels?|glucose|alcohol))\\b',
    '\\b(?:urinalysis|urine (?:tests?|studies|cultures?|drug screen|toxicology|output is|analysis|microscopy|sediment)|toxicology screen|drug screen)\\b',
    '\\b(?:x-rays?|radiograph\\w*|scan|imaging|ultrasound|ultrasonograph\\w*|sonograph\\w*|echocardiogra\\w*|' +
      'doppler|angiogra\\w*|mammogra\\w*|fluoroscop\\w*|scintigraph\\w*|cholescintigraph\\w*|DEXA|densitometry)\\b',
    '\\b(?:telemetry|cardiac monitor|screening|electrocardiogra\\w*|electroencephalogra\\w*|electromyogra\\w*|' +
      'nerve conduction|spirometry|pulmonary function|stress test|Holter|polysomnogra\\w*)\\b',
    '\\b(?:biops(?:y|ies)|microscop\\w*|cultures?|Gram stain|smear|histolog\\w*|patholog\\w*|cytolog\\w*|' +
      'aspirat(?:e|ion)|fluid analysis|endoscop\\w*|colonoscop\\w*|bronchoscop\\w*|laparoscop\\w*|cystoscop\\w*|' +
      'paracentesis|thoracentesis|lumbar puncture|CSF|cerebrospinal fluid)\\b',
    '\\b(?:tests?|tested|testing|occult blood|PCR|antibod(?:y|ies)|antigen|titers?|titres?|assay|serolog\\w*|' +
      'ELISA|immunofluorescence|karyotype|genetic testing|pregnancy test|troponin|hemoglobin|haemoglobin|hematocrit|' +
      'leukocyte|platelet|creatinine|bilirubin|electrolytes|ferritin|lactate|prothrombin|D-dimer)\\b',
    '\\b(?:g/dL|mg/dL|mg/L|g/L|mEq/L|mmol/L|µmol/L|μmol/L|/mm3|/mm³|/μL|/µL|U/L|IU/L|ng/mL|ng/L|pg/mL|µg/dL|μg/dL|mIU/mL|mU/L|fL|μm3|µm3)(?=$|[^\\p{L}])',
  ].join('|'),
  'iu',
);
/** A result reported by its verb ("audiometry shows …", "evaluation revealed …", "was found to be decreased"), whatever the test's name. */
const RESULT = new RegExp(
  String.raw`\b(?:dipstick|(?:is|are|was|were) (?:normal|abnormal|negative|positive|unremarkable|within normal limits)|` +
    String.raw`shows?|showed|shown|reveals?|revealed|demonstrates?|demonstrated|is notable for|was notable for|` +
    String.raw`were notable for|confirms?|confirmed|was found to be|were found to be|is found to be|levels?|visual acuity|` +
    String.raw`audiometry|questionnaire|evaluation)\b`,
  'i',
);
/** Acronyms that are ordinary words in lower case ("pet", "ct"): matched as written. */
const TEST_ACRONYM = /\b(?:CT|MRI|PET|ECG|EKG|EEG|EMG|ABG|CBC|CSF|hCG|HbA1c|TSH|INR|BUN|ALT|AST|eGFR|PCR|ELISA)\b/;
const MEASUREMENT = new RegExp(
  String.raw`\b\d+\/\d+\b|\b(?:temperature|temp|pulse|heart rate|blood pressure|respirations|respiratory rate|` +
    String.raw`oxygen saturation|O2 saturation|SpO2|pulse oximetry|vital signs|vitals|BMI|body mass index|weighs|(?:weight|` +
    String.raw`height) (?:is|was|are|were|has|had|at|of \d)|percentiles?|tall|head circumference|Apgar|Glasgow|GCS|scores?|` +
    String.raw`capillary refill time|jugular venous pressure|urine output|post-void|residual)\b|mm ?Hg|\/min\b|°|℃|℉|kg\/m`,
  'i',
);
const EXAMINATION = new RegExp(
  [
    '\\b(?:on|upon|at) (?:\\w+ )?(?:examination|exam|inspection|auscultation|palpation|percussion)\\b',
    '\\b(?:examination|exam|inspection|auscultation|palpation|percussion|funduscop\\w*|fundoscop\\w*|otoscop\\w*|ophthalmoscop\\w*|slit[- ]lamp)\\b',
    '\\b(?:palpated|palpable|nonpalpable|tender|tenderness|nontender|non-tender|murmurs?|bruits?|friction rub|' +
      'gallop|crackles|rales|rhonchi|wheezes|stridor|pupils?|reflex(?:es)?|Babinski|Romberg|nystagmus|strength is|' +
      'muscle strength|range of motion|gait|guarding|rebound|distended|shifting dullness|hepatomegaly|splenomegaly|' +
      'lymphadenopathy|erythematous|pallor|jaundiced|icterus|cyanosis|clubbing|edema|oedema|mucous membranes|' +
      'conjunctivae|bowel sounds|breath sounds|heart sounds|lungs are|abdomen is|skin is|air entry|capillary refill|' +
      'recession|retractions)\\b',
    '\\b(?:is|are) (?:seen|noted|observed|heard|felt|visible|audible|elicited|appreciated)\\b(?! (?:by|in|for|at|because|after|\\d))',
    '\\b(?:alert|oriented|disoriented|obtunded|unresponsive|rousable|somnolent|photograph|mental status)\\b',
    '\\b\\d+(?:\\.\\d+)?[- ]?(?:cm|mm)\\b',
    '\\b(?:appears?|looks?) (?:\\w+ )?(?:pale|ill|unwell|well|lethargic|tired|anxious|confused|diaphoretic|' +
      'jaundiced|distressed|dehydrated|cachectic|comfortable|toxic|obese|thin|uncomfortable)\\b',
    '\\bin (?:mild|moderate|severe|acute|no) (?:\\w+ )?distress\\b',
  ].join('|'),
  'i',
);

/** Reported weight change is history ("She has lost 6 kg"), a measured weight is not. */
const REPORTED_WEIGHT = /\b(?:lost|gained|loss of|gain of)\s+(?:about |approximately |nearly |over |almost )?[\d.,]+\s*(?:kg|lb|pounds|kilograms)\b/gi;

/**
 * What a sentence reports. The most objective kind wins when several fit: a test (lab, imaging,
 * ECG, biopsy…), then a measurement (vital signs, scores, weight), then an examination finding;
 * anything else is history (what the patient or family reports).
 */
export function sentenceKind(sentence: string): SentenceKind {
  const s = sentence.replace(REPORTED_WEIGHT, ' ');
  if (TEST.test(s) || TEST_ACRONYM.test(s)) return 'test';
  if (MEASUREMENT.test(s)) return 'measurement';
  if (EXAMINATION.test(s)) return 'examination';
  if (RESULT.test(s)) return 'test';
  return 'history';
}
