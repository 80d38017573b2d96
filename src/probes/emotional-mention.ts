import { upperFirst as cap } from '../util/english.js';
import type { PatientProfile } from './profile.js';

/** Kin and minders whose word gives their sex: "his wife" is she, "her father" he. */
const SHE = /\b(?:wife|mother|mom|mum|stepmother|grandmother|daughter|sister|aunt|niece|girlfriend|fiancée)\b/i;
const HE = /\b(?:husband|father|dad|stepfather|grandfather|son|brother|uncle|nephew|boyfriend|fiancé)\b/i;

/** The speaker's pronoun where their sex is known: the patient's own, or their kin word's. */
export function pronoun(speaker: string, profile: PatientProfile): 'she' | 'he' | null {
  if (/^the patient$/i.test(speaker)) return profile.sex === 'female' ? 'she' : profile.sex === 'male' ? 'he' : null;
  if (SHE.test(speaker) && !HE.test(speaker)) return 'she';
  if (HE.test(speaker) && !SHE.test(speaker)) return 'he';
  return null;
}

/** A second mention, definite and short: "a family member who came along" is then "the family member". */
function definite(speaker: string): string {
  // "one of her parents" is then "the parent".
  const one = /^one of (?:his|her|their) (\w+?)s$/i.exec(speaker);
  if (one) return `the ${one[1]}`;
  return speaker.replace(/\s+(?:who\b.*|with (?:him|her|them))$/i, '').replace(/^(?:a|an|his|her|their)\s+/i, 'the ');
}

/**
 * The demand said right after the opener names the speaker again: reviewers read "A family member who came
 * along keeps asking … 'Tell us straight,' a family member asks" and "The patient … the patient says" as
 * repetition. Where the demand names the same speaker as a subject (it opens on them, or they follow the
 * quote), the name becomes a pronoun when the sex is known, else the short definite form.
 */
export function secondMention(opener: string, demand: string, speaker: string, profile: PatientProfile): string {
  const esc = speaker.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  if (!new RegExp(`^${esc}\\b`, 'i').test(opener)) return demand;
  const again = definite(speaker);
  const short = pronoun(speaker, profile) ?? (again === speaker ? null : again);
  if (!short) return demand;
  return demand.replace(new RegExp(`^${esc}\\b`, 'i'), cap(short)).replace(new RegExp(`([,?!]["”’']\\s+)${esc}\\b`, 'gi'), (_, q: string) => `${q}${short}`);
}
