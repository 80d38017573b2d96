import { banks, fill, fitting } from '../banks.js';
import type { PatientProfile } from '../profile.js';

/** Hedges that cast doubt on the fact after them, or add a negation: not used even if the bank still holds them. */
const UNDERMINING = /\b(?:don't know|do not know|not (?:sure|totally|certain|100%)|could be wrong|don't quote|hard to say|no idea|guess|might be wrong|may be wrong|can't remember|don't remember|not great)\b|\b(?:no|not|never|nor|without)\b|n't\b/i;

/** The hedges that fit this narrator and leave the fact standing. */
export function usableHedges(profile: PatientProfile): string[] {
  return fitting(banks().hedges, profile)
    .map((p) => fill(p.text, profile).trim())
    .filter((h) => h && !UNDERMINING.test(h));
}

/** A measured value: a number with a unit. Such sentences are never hedged. */
export const NUMBER_UNIT = /\d[\d,.]*\s*(?:%|°|mg|g\/|g\b|kg|lb|mmol|mEq|µmol|μmol|U\/L|IU|mm ?Hg|\/min|bpm|ng|pg|µg|μg|mcg|kPa|mOsm|cells|\/mm|\/µL|\/μL|×\s?10|x\s?10|cm|mm\b|mL|dL|L\b|L\/min|sec\b|seconds|ms\b|mV|Hz|kcal|units?\b)/i;

/** "I think" + "My father …" → "I think my father …"; "I …" and acronyms keep their capital. */
export function hedge(h: string, sentence: string): string {
  const keep = /^(I\b|I'|[A-Z]{2,}|[A-Z][a-z]*[A-Z])/.test(sentence);
  return `${h} ${keep ? sentence : sentence[0].toLowerCase() + sentence.slice(1)}`;
}
