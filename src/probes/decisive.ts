const MEASUREMENT =
  /\d[\d,.]*\s*(?:%|mg|g\/dL|g\/L|mmol|mEq|U\/L|IU|mm\s?Hg|\/min|°|bpm|ng|pg|µg|mcg|kPa|mOsm|cells|\/mm3|\/µL|×\s?10|x\s?10|cm|mm\b|mL|L\/min|sec|seconds)/gi;

/**
 * The sentence holding the decisive finding. A slotted case names it (redFlag);
 * when it sits in the opening sentence, the opening moves too. For free text the heuristic is: the sentence with the most measured values,
 * the one nearest the end on a tie, never the opening sentence when another exists.
 */
export function decisiveSentence(sentences: readonly string[], redFlag?: string): { index: number; source: 'redFlag' | 'heuristic' } {
  if (redFlag) {
    const i = sentences.findIndex((s) => s.includes(redFlag));
    if (i >= 0) return { index: i, source: 'redFlag' };
  }
  let best = sentences.length - 1;
  let bestScore = -1;
  sentences.forEach((s, i) => {
    if (i === 0 && sentences.length > 1) return;
    const score = (s.match(MEASUREMENT) ?? []).length;
    if (score >= bestScore) {
      best = i;
      bestScore = score;
    }
  });
  return { index: best, source: 'heuristic' };
}

const STOP = new Set([
  'with',
  'from',
  'that',
  'this',
  'which',
  'their',
  'there',
  'most',
  'likely',
  'following',
  'patient',
  'patients',
  'other',
  'into',
  'than',
  'have',
  'been',
  'were',
  'will',
  'would',
  'should',
  'about',
  'after',
  'before',
  'over',
  'under',
  'between',
  'without',
  'within',
  'these',
  'those',
]);
const stems = (text: string) => new Set((text.toLowerCase().match(/[a-z]{4,}/g) ?? []).filter((w) => !STOP.has(w)).map((w) => w.slice(0, 6)));

/**
 * The unit holding the decisive finding. A slotted case names it (redFlag).
 * For free text: among the units after the opening that hold no lab table (a
 * table is no "detail" to drop in passing), the one sharing most words with
 * the gold answer, then an examination or test finding over a history or
 * vital-sign sentence, nearest the end on a tie.
 */
export function decisiveUnit(
  unitTexts: readonly string[],
  kinds: readonly string[],
  hasTable: readonly boolean[],
  redFlag: string | undefined,
  gold: string,
): { index: number; source: 'redFlag' | 'heuristic' } {
  if (redFlag) {
    const i = unitTexts.findIndex((s) => s.includes(redFlag));
    if (i >= 0) return { index: i, source: 'redFlag' };
  }
  const goldStems = stems(gold);
  let best = -1;
  let bestScore = -1;
  unitTexts.forEach((t, i) => {
    if ((i === 0 && unitTexts.length > 1) || hasTable[i]) return;
    const shared = [...stems(t)].filter((w) => goldStems.has(w)).length;
    const score = shared * 2 + (kinds[i] === 'examination' || kinds[i] === 'test' ? 1 : 0);
    if (score >= bestScore) {
      best = i;
      bestScore = score;
    }
  });
  return { index: best, source: 'heuristic' };
}
