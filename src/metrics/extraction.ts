/** A small synonym table: abbreviations and spellings a reply may use for a key fact's words. */
const SYNONYMS: Record<string, string> = {
  hb: 'hemoglobin',
  hgb: 'hemoglobin',
  haemoglobin: 'hemoglobin',
  bp: 'blood pressure',
  hr: 'heart rate',
  pulse: 'heart rate',
  rr: 'respiratory rate',
  temp: 'temperature',
  spo2: 'oxygen saturation',
  sats: 'oxygen saturation',
  saturation: 'oxygen saturation',
  wbc: 'white cell count',
  wcc: 'white cell count',
  leukocytes: 'white cell count',
  plt: 'platelets',
  platelet: 'platelets',
  na: 'sodium',
  k: 'potassium',
  cr: 'creatinine',
  creat: 'creatinine',
  bili: 'bilirubin',
  oedema: 'edema',
  anaemia: 'anemia',
  paracetamol: 'acetaminophen',
  apap: 'acetaminophen',
  ecg: 'ekg',
  hrs: 'hours',
  hr_: 'hour',
  mins: 'minutes',
  yo: 'year old',
  tachycardic: 'tachycardia',
  febrile: 'fever',
  hypotensive: 'hypotension',
  hypertensive: 'hypertension',
};
const STOP = new Set([
  'a',
  'an',
  'the',
  'of',
  'and',
  'or',
  'in',
  'on',
  'at',
  'to',
  'with',
  'is',
  'was',
  'for',
  'over',
  'per',
  'by',
  'from',
  'after',
  'his',
  'her',
  'their',
  'patient',
]);

export function normaliseFact(text: string): string {
  return text
    .toLowerCase()
    .replace(/µ/g, 'u')
    .replace(/(\d),(?=\d{3}\b)/g, '$1')
    .replace(/(\d)\.(?!\d)/g, '$1 ')
    .replace(/[^a-z0-9.]+/g, ' ')
    .replace(/(^|\s)\.|\.(\s|$)/g, ' ')
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => SYNONYMS[w] ?? w)
    .join(' ');
}

const numbersOf = (norm: string) => norm.match(/\d+(?:\.\d+)?/g) ?? [];
/** Units travel with their numbers; the word check looks at what was measured. */
const UNITS = new Set([
  'g',
  'dl',
  'l',
  'ml',
  'mg',
  'mcg',
  'ug',
  'ng',
  'pg',
  'mmol',
  'umol',
  'mol',
  'u',
  'iu',
  'meq',
  'kg',
  'mm',
  'hg',
  'cm',
  'min',
  'h',
  's',
  'sec',
  'kpa',
  'mosm',
  'c',
  'f',
  'bpm',
]);
const wordsOf = (norm: string) => norm.split(' ').filter((w) => !/\d/.test(w) && !STOP.has(w) && !UNITS.has(w));

interface NormalisedFact {
  norm: string;
  nums: string[];
  words: string[];
}
interface NormalisedFinding {
  norm: string;
  nums: Set<string>;
  words: Set<string>;
}

const normalisedFact = (fact: string): NormalisedFact => {
  const norm = normaliseFact(fact);
  return { norm, nums: numbersOf(norm), words: wordsOf(norm) };
};
const normalisedFinding = (raw: string): NormalisedFinding => {
  const norm = normaliseFact(raw);
  return { norm, nums: new Set(numbersOf(norm)), words: new Set(norm.split(' ')) };
};

function found(f: NormalisedFact, findings: readonly NormalisedFinding[]): boolean {
  return findings.some((g) => {
    if (g.norm.includes(f.norm)) return true;
    if (!f.nums.every((n) => g.nums.has(n))) return false;
    const hit = f.words.filter((w) => g.words.has(w)).length;
    return f.nums.length ? hit >= Math.ceil(f.words.length / 2) : f.words.length > 0 && hit === f.words.length;
  });
}

/**
 * A key fact is found when a finding holds it after normalisation, or when the
 * finding has every number of the fact and at least half of its words (all of
 * its words if the fact has no number). Numbers must match exactly.
 */
export function factFound(fact: string, findings: readonly string[]): boolean {
  return found(normalisedFact(fact), findings.map(normalisedFinding));
}

// A case's key facts are normalised once, however many replies are scored against them.
const factCache = new WeakMap<readonly string[], NormalisedFact[]>();

/** Share of the case's key facts found in the reply's key findings; null when the case has none. */
export function extractionRecall(keyFacts: readonly string[] | undefined, findings: readonly string[]): number | null {
  if (!keyFacts?.length) return null;
  let facts = factCache.get(keyFacts);
  if (!facts) factCache.set(keyFacts, (facts = keyFacts.map(normalisedFact)));
  const normalised = findings.map(normalisedFinding);
  return facts.filter((f) => found(f, normalised)).length / facts.length;
}
