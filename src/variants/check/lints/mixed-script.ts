import { isCounterfactualClean, isProbeVariant } from '../scope.js';
import { clip } from '../text.js';
import type { Defect, Lint } from '../types.js';

const NAME = 'mixed-script';

const OTHER_SCRIPT = /[\u0370-\u04FF\u1F00-\u1FFF]/;
const LATIN = /[A-Za-z\u00C0-\u024F]/;
const CYRILLIC = /[\u0400-\u04FF]/;
const GREEK = /[\u0370-\u03FF\u1F00-\u1FFF]/;
// Greek letters used as medical symbols: standalone or after a hyphen ("TNF-α", "β-blocker"),
// at the end of an upper-case name ("IFNγ"), or μ as a unit prefix ("μg", "μmol/L").
const SYMBOL = /^(?:[αβγδεκλμωΑ-Ω][0-9]*|[A-Z0-9]+[αβγδεκλμ][0-9]*|μ[A-Za-z]{1,4}|[αβγδκλ][0-9]*[A-Za-z]?)$/u;

/** Words (split at spaces, punctuation and hyphens) that mix Latin letters with Cyrillic or Greek look-alikes. */
function mixedWords(text: string): string[] {
  const out: string[] = [];
  if (!OTHER_SCRIPT.test(text)) return out;
  for (const token of text.split(/[\s.,;:!?()[\]{}"'“”‘’/\\=+*<>–—-]+/)) {
    if (!token) continue;
    if (CYRILLIC.test(token) && LATIN.test(token)) out.push(token);
    else if (CYRILLIC.test(token))
      out.push(token); // No Cyrillic word belongs in an English vignette.
    else if (GREEK.test(token) && LATIN.test(token) && !SYMBOL.test(token)) out.push(token);
  }
  return out;
}

export const mixedScript: Lint = {
  name: NAME,
  description: 'A word mixing Latin letters with Cyrillic or Greek look-alikes (Greek medical symbols such as "TNF-α" or "μg" are fine).',
  applies: (v) => isProbeVariant(v) || isCounterfactualClean(v),
  check({ variant, base }) {
    const defects: Defect[] = [];
    const baseWords = new Set([base.narrative, base.question, ...Object.values(base.options)].flatMap(mixedWords));
    const fields: [string, string][] = [
      ['narrative', variant.narrative],
      ['question', variant.question],
      ...Object.entries(variant.options).map(([k, t]): [string, string] => [`option ${k}`, t]),
    ];
    for (const [where, text] of fields) {
      // A word already in the base is the source's, not the probe's; it is the same in every variant.
      const bad = mixedWords(text).filter((w) => !baseWords.has(w));
      if (bad.length)
        defects.push({
          lint: NAME,
          message: `${where}: mixed-script word${bad.length > 1 ? 's' : ''} ${bad.map((w) => JSON.stringify(w)).join(', ')}`,
          excerpt: clip(context(text, bad[0])),
        });
    }
    return defects;
  },
};

function context(text: string, word: string): string {
  const i = text.indexOf(word);
  return i < 0 ? word : text.slice(Math.max(0, i - 60), i + word.length + 60);
}
