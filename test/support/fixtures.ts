import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { optionKey } from './oracle.js';

/*
 * Small synthetic case files in the formats of the real sets the importers
 * read (src/cases/formats/): MedQA JSONL and MMLU CSV. Every question here
 * was written for these tests; none is taken from a published set. Each
 * record carries what the importer must make of it, written out by hand.
 */

/** One MedQA record and the case the importer must make of it. */
export interface MedqaFixture {
  record: {
    realidx?: number;
    question: string;
    answer: string;
    options: Record<string, string>;
    meta_info: string;
    answer_idx: string;
    metamap_phrases: string[];
  };
  id: string;
  vignette: string;
  question: string;
}

const BEST = 'Which of the following is the best answer?';

/** [realidx or null, stem, options A–D, answer letter, the vignette and question expected after import]. */
const MEDQA: [number | null, string, string[], string, string, string][] = [
  [
    9001,
    'A 34-year-old woman comes to the clinic because of fatigue and pale skin for 2 months. She follows a strict ' +
      'vegan diet and takes no supplements. Her hemoglobin is 9.8 g/dL and the mean corpuscular volume is 112 fL. ' +
      'Which of the following is the most likely cause of her anemia?',
    ['Iron deficiency', 'Vitamin B12 deficiency', 'Thalassemia trait', 'Chronic kidney disease'],
    'B',
    '',
    '',
  ],
  [
    9002,
    'A 61-year-old man has had crushing chest pain for 40 minutes. He is sweating and short of breath. An ECG ' +
      'shows ST-segment elevation in leads II, III and aVF. Which coronary artery is most likely occluded?',
    ['Left anterior descending artery', 'Left circumflex artery', 'Right coronary artery', 'Left main coronary artery'],
    'C',
    '',
    '',
  ],
  // No question mark: the whole stem is the vignette and the question is the generic one.
  [
    9003,
    'A 7-year-old boy is brought to the physician with a sore throat and a fever of 39.1°C for 2 days. He has no ' +
      'cough. The tonsils are swollen with exudate and the anterior cervical nodes are tender. A rapid antigen test ' +
      'is positive. The most appropriate treatment is',
    ['Oral penicillin V', 'Oral ciprofloxacin', 'Supportive care only', 'Intravenous vancomycin'],
    'A',
    '',
    BEST,
  ],
  // A lab table on lines of its own stays in the vignette.
  [
    9004,
    'A 45-year-old woman has had increasing thirst and frequent urination for 3 weeks. Laboratory studies ' +
      'show:\nSodium 141 mEq/L\nGlucose 412 mg/dL\nBicarbonate 24 mEq/L\nShe is alert and her breathing is normal. ' +
      'Which of the following tests best reflects her average glucose over the past 3 months?',
    ['Fasting insulin', 'Hemoglobin A1c', 'Serum fructosamine', 'Random C-peptide'],
    'B',
    '',
    '',
  ],
  // Option text with a line break and runs of spaces: shown on one line.
  [
    9005,
    'A 70-year-old woman falls at home and cannot bear weight on her right leg. The leg is shortened and ' +
      'externally rotated. Which of the following is the most likely injury?',
    ['Femoral  neck\n fracture ', 'Anterior hip dislocation', 'Patellar fracture', 'Tibial plateau fracture'],
    'A',
    '',
    '',
  ],
  // A Cyrillic "а" (U+0430) disguised in "man": mapped to the Latin letter on import.
  [
    9006,
    'A 52-year-old m\u0430n has had a cough with rusty sputum and a fever of 38.9°C for 3 days. Crackles are ' +
      'heard over the right lower lobe. Which organism is the most likely cause?',
    ['Streptococcus pneumoniae', 'Mycoplasma pneumoniae', 'Legionella pneumophila', 'Pseudomonas aeruginosa'],
    'A',
    'A 52-year-old man has had a cough with rusty sputum and a fever of 38.9°C for 3 days. Crackles are heard over the right lower lobe.',
    '',
  ],
  // No realidx: the case is named by its line.
  [
    null,
    'A 23-year-old woman has had a racing heart, weight loss and heat intolerance for 2 months. Her thyroid is ' +
      'diffusely enlarged and a bruit is heard over it. Which of the following is the most likely diagnosis?',
    ['Toxic multinodular goiter', 'Graves disease', 'Subacute thyroiditis', 'Thyroid lymphoma'],
    'B',
    '',
    '',
  ],
  [
    9008,
    'A 58-year-old man with long-standing alcohol use has confusion and a flapping tremor of the hands. His ' +
      'abdomen is distended with shifting dullness. Which of the following is the most appropriate treatment for his confusion?',
    ['Haloperidol', 'Lorazepam', 'Thiamine alone', 'Lactulose'],
    'D',
    '',
    '',
  ],
  [
    9009,
    'A 4-year-old girl has had a barking cough and a hoarse voice since last night, after 2 days of a runny nose. ' +
      'She has stridor when she cries but not at rest. Which of the following is the most appropriate treatment?',
    ['A single dose of oral dexamethasone', 'Intravenous ceftriaxone', 'Emergency tracheostomy', 'Oral amoxicillin for 10 days'],
    'A',
    '',
    '',
  ],
  [
    9010,
    'A 66-year-old woman has had weakness of the left arm and face that began suddenly 90 minutes ago. A CT scan ' +
      'of the head shows no bleeding. Her blood pressure is 162/94 mm Hg. Which of the following is the most ' +
      'appropriate next step?',
    ['Observation without treatment', 'Lumbar puncture', 'Oral aspirin in 48 hours', 'Intravenous alteplase'],
    'D',
    '',
    '',
  ],
  [
    9011,
    'A 40-year-old man has sudden severe pain in the left flank that spreads to the groin. Urinalysis shows ' +
      'blood. Which of the following is the most appropriate initial imaging study?',
    ['Noncontrast CT of the abdomen and pelvis', 'Plain x-ray of the chest', 'MRI of the lumbar spine', 'Upper endoscopy'],
    'A',
    '',
    '',
  ],
  [
    9012,
    'A 30-year-old woman has had itchy, red, scaling plaques on her elbows and knees for a year. Her nails show ' +
      'small pits. Which of the following is the most likely diagnosis?',
    ['Atopic dermatitis', 'Tinea corporis', 'Psoriasis', 'Lichen planus'],
    'C',
    '',
    '',
  ],
];

/** The MedQA fixture: each record with the case expected from it (line n is record n). */
export const MEDQA_FIXTURE: MedqaFixture[] = MEDQA.map(([realidx, stem, opts, answerIdx, vignette, question], i) => {
  const options = Object.fromEntries(opts.map((t, k) => ['ABCD'[k], t]));
  const q = stem.lastIndexOf('?');
  // The question is the sentence ending in the last "?"; what precedes it is the vignette.
  const start = q < 0 ? stem.length : stem.lastIndexOf('. ', q) + 2;
  return {
    record: {
      ...(realidx === null ? {} : { realidx }),
      question: stem,
      answer: options[answerIdx],
      options,
      meta_info: 'step1',
      answer_idx: answerIdx,
      metamap_phrases: ['synthetic'],
    },
    id: realidx === null ? `medqa-L${i + 1}` : `medqa-${realidx}`,
    vignette: vignette || (q < 0 ? stem : stem.slice(0, start).trim()),
    question: question || stem.slice(start),
  };
});

/** Writes the MedQA fixture as JSONL (key order as in the published file) and returns its path. */
export function writeMedqaFixture(dir: string, name = 'medqa_synthetic.jsonl'): string {
  const file = join(dir, name);
  writeFileSync(file, `${MEDQA_FIXTURE.map((f) => JSON.stringify(f.record)).join('\n')}\n`);
  return file;
}

/**
 * MMLU CSV rows: no header; question, A, B, C, D, answer letter. Quoted fields
 * with commas, doubled quotes and a line break, and an answer letter in lower
 * case with a space before it, as hand-made files have them.
 */
export const MMLU_FIXTURE = [
  'Which vitamin deficiency causes scurvy?,Vitamin A,Vitamin B1,Vitamin C,Vitamin D,C',
  '"After a fall, which finding suggests a broken hip?","A shortened, externally rotated leg",A swollen ' +
    'knee,"Pain on ""straight leg raise""",Bruising of the forearm,A',
  '"A patient\'s oxygen saturation reads 85% on air.\nWhich first step is most appropriate?",Give oxygen,Call ' +
    'the family,Record it later,Repeat the reading in an hour,A',
  'The normal adult resting respiratory rate is:,4–6 breaths per minute,12–20 breaths per minute,30–40 breaths per minute,50–60 breaths per minute,B',
  'Which of these is NOT a sign of dehydration?,Dry mouth,Dark urine,Brisk skin recoil,Low blood pressure,C',
  'Where is the apex beat normally felt in adults?,Second intercostal space,"Fifth intercostal space, midclavicular line",Below the xiphoid,In the axilla,B',
  'Which blood group can donate red cells to any recipient?,AB positive,A negative,B positive,O negative, d',
  'Which step of hand washing should take the longest?,Wetting the hands,Rubbing all surfaces,Drying the hands,Turning off the tap,B',
];

/** Writes the MMLU fixture under an MMLU-style file name and returns its path. */
export function writeMmluFixture(dir: string, name = 'clinical_knowledge_test.csv'): string {
  const file = join(dir, name);
  writeFileSync(file, `${MMLU_FIXTURE.join('\n')}\n`);
  return file;
}

/** Gold option text by the case's option set, read straight from an MMLU CSV (the test's own reading, not the importer's). */
export function mmluGold(file: string): Map<string, string> {
  const rows = parse(readFileSync(file, 'utf8'), { skip_empty_lines: true }) as string[][];
  return new Map(
    rows.map((r) => {
      const options = r.slice(1, 5).map((t) => t.replace(/\s+/g, ' ').trim());
      return [optionKey(options), options['ABCD'.indexOf(r[5].trim().toUpperCase())]];
    }),
  );
}
