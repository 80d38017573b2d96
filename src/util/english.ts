/** After "her", these words mean it is an object ("gave her a dose", "told her that"), not a possessive. */
export const OBJECT_HER_FOLLOWERS = /^(to|and|or|with|for|at|in|on|that|about|because|from|if|as|when|after|before|a|an|the|up|down|out|back|again|home|some|any|more|this|these|those|feel|feeling|walk|sit|stand|lie|by|into|over|off|since|until|while|is|was|has|had|will|would|can|could|should|may|might|must|once|twice|well|better|worse|nothing|something|anything|everything|no|not|so|than|then|there|here|today|yesterday|tonight|now|yet|he|she|it|they|we|you|i)$/i;

/** Keeps the case of the original word's first letter. */
export function matchCase(original: string, replacement: string): string {
  if (original === original.toUpperCase() && original.length > 1 && /[A-Z]/.test(original)) return replacement.toUpperCase();
  return /^[A-Z]/.test(original) ? replacement[0].toUpperCase() + replacement.slice(1) : replacement;
}
