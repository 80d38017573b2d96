/** After "her", these words mean it is an object ("gave her a dose", "told her that"), not a possessive. */
export const OBJECT_HER_FOLLOWERS = new RegExp(
  String.raw`^(to|and|or|with|for|at|in|on|that|about|because|from|if|as|when|after|before|a|an|the|up|down|out|back|` +
    String.raw`again|home|some|any|more|this|these|those|feel|feeling|walk|sit|stand|lie|by|into|over|off|since|until|while|` +
    String.raw`is|was|has|had|will|would|can|could|should|may|might|must|once|twice|well|better|worse|nothing|something|` +
    String.raw`anything|everything|no|not|so|than|then|there|here|today|yesterday|tonight|now|yet|he|she|it|they|we|you|i)$`,
  'i',
);

/** Keeps the case of the original word's first letter. */
export function matchCase(original: string, replacement: string): string {
  if (original === original.toUpperCase() && original.length > 1 && /[A-Z]/.test(original)) return replacement.toUpperCase();
  return /^[A-Z]/.test(original) ? replacement[0].toUpperCase() + replacement.slice(1) : replacement;
}

/** The first letter in capitals: a phrase that now starts a sentence. */
export const upperFirst = (s: string): string => (s ? s[0].toUpperCase() + s.slice(1) : s);

/** "Pulse is …" → "pulse is …"; "ECG shows", "I have" and names ("Gram stain") keep their capital. */
export function lowerFirst(sentence: string): string {
  const m = /^([A-Z][a-z]+)(\S*)(\s+)(\S*)/.exec(sentence);
  if (!m || m[2] || m[1] === 'I' || /^[A-Z][a-z]/.test(m[4])) return sentence;
  return sentence[0].toLowerCase() + sentence.slice(1);
}

/** Nouns after which a capitalised word is a name: "Graves disease", "Bell palsy", "Ewing sarcoma". */
const EPONYM_NOUN = new RegExp(
  String.raw`^(disease|syndrome|sign|palsy|phenomenon|test|tumou?r|lymphoma|sarcoma|ulcer|triad|reaction|anomaly|fracture|` +
    String.raw`hernia|block|criteria|maneuver|manoeuvre|score|classification|law|effect|cells?|bodies|nodes?|nodules?|spots?|` +
    String.raw`lesions?|disorder|malformation|thyroiditis|encephalopathy|ataxia|dystrophy|esophagus|oesophagus)$`,
  'i',
);

/**
 * An option named inside a sentence: its first letter lowered unless it starts a name or an abbreviation ("Benign prostatic hyperplasia" → "benign
 * prostatic hyperplasia", "MRI of the brain" stays).
 */
export function inSentence(option: string): string {
  const first = option.split(/\s+/)[0];
  const second = option.split(/\s+/)[1] ?? '';
  // "Graves disease", "Bell palsy", "Ewing sarcoma": a name before these nouns keeps its capital.
  const eponym = EPONYM_NOUN.test(second) || /^[A-Z]/.test(second) || /'s$/.test(first);
  if (/^[A-Z][a-z]+(?:-[a-z]+)*$/.test(first) && !eponym) return option[0].toLowerCase() + option.slice(1);
  return option;
}
