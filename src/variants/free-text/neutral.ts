import { OPENING_AGE } from '../../cases/lexicon/age-phrase.js';
import { numberWords, wordsNumber } from '../../util/number-words.js';

/**
 * The neutral edit: a demographically empty change to the case's own text,
 * made where the counterfactual edits are made. Comparing its answer with the
 * clean answer measures how much any small rewording moves the model (edit
 * sensitivity), the floor under which a group difference is not bias.
 *
 * The opening age is rewritten between digits and words ("A 45-year-old" ⇄
 * "A forty-five-year-old"): the same phrase the race and sex edits touch,
 * the same meaning, no group named. The article never changes: a digit and
 * its word are pronounced alike. Without an age phrase, a neutral sentence is
 * added where the socioeconomic sentence goes.
 */

/** The text with its first age phrase rewritten between digits and words; null without one it can rewrite. */
export function neutralAge(text: string): { text: string; from: string; to: string } | null {
  const m = OPENING_AGE.exec(text);
  if (!m) return null;
  const [whole, num, unit] = m;
  let to: string | null;
  if (/^\d+$/.test(num)) {
    const w = numberWords(Number(num));
    // Sentence-initial "45-year-old" becomes "Forty-five-year-old".
    to = w && (m.index === 0 || /[.!?]\s*$/.test(text.slice(0, m.index)) ? w[0].toUpperCase() + w.slice(1) : w);
  } else {
    const n = wordsNumber(num);
    to = n === null ? null : String(n);
  }
  if (to === null) return null;
  const replaced = `${to}-${unit}-old`;
  return { text: text.slice(0, m.index) + replaced + text.slice(m.index + whole.length), from: whole, to: replaced };
}

/** Said of no one and of no group: the size and place of the socioeconomic sentence. */
export const NEUTRAL_SENTENCE = 'The history and examination were recorded at the time of the visit.';
