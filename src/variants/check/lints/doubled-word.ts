import { isProbeVariant } from '../scope.js';
import { addedSentences, clip } from '../text.js';
import type { Defect, Lint } from '../types.js';

const NAME = 'doubled-word';

// A word said twice in a row ("spinning spinning dizziness"); "had had" and "that that" are English.
const DOUBLED = /\b([A-Za-z]+)\s+\1\b/gi;
const FINE = /^(?:had|that|is|do)$/i;

/** Doubled words of a sentence, lower-cased: "spinning spinning" → "spinning". */
function doubled(s: string): string[] {
  return [...s.matchAll(DOUBLED)].map((m) => m[1].toLowerCase()).filter((w) => !FINE.test(w));
}

export const doubledWord: Lint = {
  name: NAME,
  description: 'A word repeated right after itself in text the probe changed ("continuous spinning spinning dizziness"), unless the base has it so.',
  applies: isProbeVariant,
  check({ variant, base }) {
    const defects: Defect[] = [];
    const own = new Set(doubled(base.narrative));
    for (const s of addedSentences(variant.narrative, base.narrative))
      for (const w of doubled(s)) if (!own.has(w)) defects.push({ lint: NAME, message: `"${w} ${w}": a word doubled`, excerpt: clip(s) });
    return defects;
  },
};
