const MEASUREMENT = /\d[\d,.]*\s*(?:%|mg|g\/dL|g\/L|mmol|mEq|U\/L|IU|mm\s?Hg|\/min|°|bpm|ng|pg|µg|mcg|kPa|mOsm|cells|\/mm3|\/µL|×\s?10|x\s?10|cm|mm\b|mL|L\/min|sec|seconds)/gi;

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
