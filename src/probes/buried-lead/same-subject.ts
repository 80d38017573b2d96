/**
 * What a sentence is about, as named tests and findings, so a move never crosses another sentence about the same one:
 * "Repeat blood cultures are negative" told before "Her blood cultures are positive" reads as a contradiction, and
 * "The mass does not reduce" told before the mass is described leans on a thing not yet introduced (review round 10).
 */
const SUBJECTS: readonly (readonly [string, RegExp])[] = [
  ['culture', /\bcultur\w*|\bgrows?\b|\bagar\b/i],
  ['chest imaging', /\bchest (?:x-rays?|radiograph\w*|CT|films?)\b/i],
  ['CT', /\bCT\b|computed tomograph\w*/],
  ['MRI', /\bMRI\b|magnetic resonance/],
  ['ultrasound', /\bultraso\w+|\bsonogra\w+|\bdoppler\b/i],
  ['echocardiogram', /\bechocardiogra\w+|\becho\b/i],
  ['ECG', /\bECG\b|\bEKG\b|electrocardiogra\w+/i],
  ['biopsy', /\bbiops\w+|\bhistolog\w+|\bcytolog\w+/i],
  ['smear', /\bsmears?\b/i],
  ['urine', /\burin\w+/i],
  ['stool', /\bstools?\b|\bfecal\b|\bfaecal\b/i],
  ['CSF', /\bCSF\b|cerebrospinal|lumbar puncture/i],
  ['stain', /\bstain\w*/i],
  ['serology', /\bantibod\w+|\bantigens?\b|\btit(?:er|re)s?\b|\bserolog\w+|\bPCR\b/i],
  ['pregnancy test', /\bpregnancy test|\bhCG\b/i],
  ['blood count', /\bh(?:a)?emoglobin\b|\bleukocyte\b|\bplatelet\b|\bhematocrit\b|\bwhite (?:blood )?cell count\b/i],
  ['thyroid tests', /\bTSH\b|\bthyro\w+|\bT[34]\b/],
  ['glucose', /\bglucose\b|\bHbA1c\b/i],
  ['troponin', /\btroponin\b/i],
  ['aspirate', /\baspirat\w+|\bparacentesis\b|\bthoracentesis\b|\bascitic\b|\bpleural fluid\b|\bsynovial\b/i],
  ['mass', /\bmass(?:es)?\b|\blumps?\b|\bnodules?\b|\btumou?rs?\b|\bcysts?\b/i],
  ['rash', /\brash\w*|\blesions?\b|\bplaques?\b|\bpapules?\b|\bvesicles?\b|\bmacules?\b/i],
  ['murmur', /\bmurmurs?\b/i],
  ['ulcer', /\bulcer\w*/i],
];

/** The tests and findings a sentence names. */
export const subjectsOf = (text: string) => new Set(SUBJECTS.filter(([, re]) => re.test(text)).map(([name]) => name));

/** The first test or finding both texts name, or null: a move of `moved` past `other` would cross it. */
export function sharedSubject(moved: string, other: string): string | null {
  const mine = subjectsOf(moved);
  return [...subjectsOf(other)].find((s) => mine.has(s)) ?? null;
}
