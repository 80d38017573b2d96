/** A small synonym table: abbreviations and spellings a reply may use for a key fact's words. */
const SYNONYMS: Record<string, string> = {
  hb: 'hemoglobin', hgb: 'hemoglobin', haemoglobin: 'hemoglobin', bp: 'blood pressure', hr: 'heart rate', pulse: 'heart rate',
  rr: 'respiratory rate', temp: 'temperature', spo2: 'oxygen saturation', sats: 'oxygen saturation', saturation: 'oxygen saturation',
  wbc: 'white cell count', wcc: 'white cell count', leukocytes: 'white cell count', plt: 'platelets', platelet: 'platelets',
  na: 'sodium', k: 'potassium', cr: 'creatinine', creat: 'creatinine', bili: 'bilirubin', oedema: 'edema', anaemia: 'anemia',
  paracetamol: 'acetaminophen', apap: 'acetaminophen', ecg: 'ekg', hrs: 'hours', hr_: 'hour', mins: 'minutes', yo: 'year old',
  tachycardic: 'tachycardia', febrile: 'fever', hypotensive: 'hypotension', hypertensive: 'hypertension',
};
const STOP = new Set(['a', 'an', 'the', 'of', 'and', 'or', 'in', 'on', 'at', 'to', 'with', 'is', 'was', 'for', 'over', 'per', 'by', 'from', 'after', 'his', 'her', 'their', 'patient']);

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
const UNITS = new Set(['g', 'dl', 'l', 'ml', 'mg', 'mcg', 'ug', 'ng', 'pg', 'mmol', 'umol', 'mol', 'u', 'iu', 'meq', 'kg', 'mm', 'hg', 'cm', 'min', 'h', 's', 'sec', 'kpa', 'mosm', 'c', 'f', 'bpm']);
const wordsOf = (norm: string) => norm.split(' ').filter((w) => !/\d/.test(w) && !STOP.has(w) && !UNITS.has(w));

/**
 * A key fact is found when a finding holds it after normalisation, or when the
 * finding has every number of the fact and at least half of its words (all of
 * its words if the fact has no number). Numbers must match exactly.
 */
export function factFound(fact: string, findings: readonly string[]): boolean {
  const f = normaliseFact(fact);
  const nums = numbersOf(f);
  const words = wordsOf(f);
  return findings.some((raw) => {
    const g = normaliseFact(raw);
    if (g.includes(f)) return true;
    const gNums = new Set(numbersOf(g));
    if (!nums.every((n) => gNums.has(n))) return false;
    const gWords = new Set(g.split(' '));
    const hit = words.filter((w) => gWords.has(w)).length;
    return nums.length ? hit >= Math.ceil(words.length / 2) : words.length > 0 && hit === words.length;
  });
}

/** Share of the case's key facts found in the reply's key findings; null when the case has none. */
export function extractionRecall(keyFacts: readonly string[] | undefined, findings: readonly string[]): number | null {
  if (!keyFacts?.length) return null;
  return keyFacts.filter((k) => factFound(k, findings)).length / keyFacts.length;
}
