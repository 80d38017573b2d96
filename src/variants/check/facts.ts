import { memoText } from './text.js';
import { wordsNumber } from '../../util/number-words.js';

/** The facts a retelling must keep: measured values and negations, as countable tokens. */

// Units a value may carry; longer spellings first so "mm Hg" wins over "mm".
const UNITS = [
  'mm Hg',
  'mmHg',
  'cm H2O',
  'cm H₂O',
  'breaths/min',
  'beats/min',
  '°C',
  '°F',
  '%',
  'mg/dL',
  'g/dL',
  'g/L',
  'mg/L',
  'ng/mL',
  'ng/L',
  'pg/mL',
  'μg/mL',
  'µg/mL',
  'μg/dL',
  'µg/dL',
  'mmol/L',
  'μmol/L',
  'µmol/L',
  'mEq/L',
  'mOsm/kg',
  'U/L',
  'IU/L',
  'mU/L',
  'μU/mL',
  'µU/mL',
  'mIU/mL',
  'mL/min/1.73 m2',
  'mL/min',
  'mL/h',
  'mL/kg',
  'mg/kg',
  'kg/m2',
  'kg/m²',
  'mm/h',
  'mm3',
  '/mm3',
  '/mm³',
  '/μL',
  '/µL',
  '/hpf',
  '/min',
  '/h',
  'mg',
  'μg',
  'µg',
  'mcg',
  'g',
  'kg',
  'lb',
  'oz',
  'mL',
  'L',
  'cm',
  'mm',
  'm',
  'in',
  'ft',
  'mEq',
  'units',
  'U',
  'IU',
  'mSv',
  'Gy',
  'ms',
  'sec',
  'seconds',
  'second',
  'minutes',
  'minute',
  'min',
  'hours',
  'hour',
  'hrs',
  'hr',
  'h',
  'days',
  'day',
  'weeks',
  'week',
  'months',
  'month',
  'years',
  'year',
  'pack-years',
  'pack-year',
];
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const UNIT = `(?:${UNITS.map(esc).join('|')})`;
// A number not glued to letters before it ("V1", "pCO2" are names), with an optional second part ("120/80", "3–5").
const NUMBER = String.raw`(?<![A-Za-z0-9.,/])\d+(?:[.,]\d+)*(?:\s?[/–-]\s?\d+(?:[.,]\d+)*)?`;
// The unit must end at a word edge: "5 months" is a value, "5 minor" is not "5 min".
const VALUE = new RegExp(`${NUMBER}(?:\\s?${UNIT}(?![A-Za-z0-9]))?(?:-(?:day|week|month|year)s?-old)?`, 'g');

/** Every number with its unit, normalised ("120/80 mmHg" and "120/80 mm Hg" are the same value). */
export const values = memoText(readValues);

// A spoken age is the same value as a written one: "I'm 57, a White man" and "57 years old" state "57-year-old".
const SPOKEN_AGE = /\b(I'm|I am) (\d+)(?=,| and\b| —)|\b(\d+)[- ](day|week|month|year)s?[- ]old\b/g;

// The neutral edit spells the opening age: "a forty-five-year-old" states "45-year-old". Any spelled age is read,
// anywhere and in the plural too, since a value is compared wherever it stands (not OPENING_AGE, which finds the first).
const SPELLED_AGE = /\b([A-Za-z]+(?:-[a-z]+)?)-(day|week|month|year)s?-old\b/g;

function readValues(text: string): string[] {
  const written = text
    .replace(SPELLED_AGE, (m, words: string, unit: string) => {
      const n = wordsNumber(words);
      return n === null ? m : `${n}-${unit}-old`;
    })
    .replace(SPOKEN_AGE, (_m, i: string | undefined, n1: string | undefined, n2: string | undefined, unit: string | undefined) =>
      i ? `${i} ${n1}-year-old` : `${n2}-${unit}-old`,
    )
    // "a 2-day history" and "2 days of" state the same span.
    .replace(/\b(\d+(?:\.\d+)?)-(day|week|month|year)\b(?!-old|s?-old)/g, '$1 $2');
  return [...written.matchAll(VALUE)].map((m) =>
    m[0]
      .replace(/\s+/g, '')
      .replace('mmHg', 'mmHg')
      .replace(/–/g, '-')
      .toLowerCase()
      .replace(/^([\d.,]+)(day|week|month|year)s$/, '$1$2'),
  );
}

/** Negation cues; contractions are read as their full form ("doesn't" negates like "does not"). */
const CUE = /\b(no|not|never|nor|without|denies|denied|deny|negative|absent|none)\b/gi;
// Cues whose meaning rides on the next word ("no fever"); "negative" and "absent" follow what they negate.
const CUE_WITH_WORD = new Set(['no', 'not', 'never', 'nor', 'without', 'deny']);

export function expandContractions(text: string): string {
  return text
    .replace(/\bcan['’]t\b/gi, 'can not')
    .replace(/\bwon['’]t\b/gi, 'will not')
    .replace(/\bcannot\b/gi, 'can not')
    .replace(/n['’]t\b/gi, ' not');
}

/** Negation cues alone ("no", "not", …), lower-cased. */
export const negationCues = memoText(readCues);

function readCues(text: string): string[] {
  return [...expandContractions(text).matchAll(CUE)].map((m) => cueForm(m[1]));
}

// "denies", "denied", "deny" are one cue (a first-person retelling says "I deny").
const cueForm = (w: string) => (/^den(?:y|ies|ied)$/i.test(w) ? 'deny' : w.toLowerCase());

/** Negation cues with the word they negate ("no fever", "without pain"); bare for "negative"/"absent". */
export const negations = memoText(readNegations);

function readNegations(text: string): string[] {
  const t = expandContractions(text);
  const out: string[] = [];
  for (const m of t.matchAll(CUE)) {
    const cue = cueForm(m[1]);
    if (!CUE_WITH_WORD.has(cue)) {
      out.push(cue);
      continue;
    }
    const next = /^[\s,]*([A-Za-z][\w'-]*)/.exec(t.slice(m.index + m[0].length));
    out.push(next ? `${cue} ${next[1].toLowerCase()}` : cue);
  }
  return out;
}
