import type { Narrator } from './narrator.js';

/**
 * The teller's own words about themself and their own relatives, where the case's pronouns leave it open: a mother telling
 * her daughter's case is the "she" who "reports that her daughter cries", and "her mother" in what she says is her own mother.
 */

const REPORTS = '(?:reports|says|states|notes|mentions|explains|adds)';
const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * "She reports that the patient cries" in a mother's telling of her daughter's case: with the patient named in what is
 * reported ("my daughter" by now), the one reporting is the teller ("I can tell you that my daughter cries"), even when both
 * are women. "Her mother" is left alone: with two women in the story, it may be the patient's own mother.
 */
export function reportAboutPatient(sentence: string, n: Narrator): string {
  if (!n.patientAs || !n.sex || n.plural) return sentence;
  const pronoun = n.sex === 'female' ? '[Ss]he' : '[Hh]e';
  const re = new RegExp(String.raw`(^|[.;:!?]\s+|,\s+|\b(?:and|but)\s+)${pronoun} (?:also )?${REPORTS} (?:that )?${literal(n.patientAs)}\b`, 'g');
  return sentence.replace(re, (_m, pre: string) => `${pre}I can tell you that ${n.patientAs}`);
}

/**
 * "Her mother denies any clots, but she says that her mother has had a pulmonary embolism": once the teller is the
 * subject, "her mother" is the teller's own mother ("but I can tell you that my mother has had …"), never the teller.
 */
export function tellersOwnKin(sentence: string, n: Narrator): string {
  if (!n.named || !n.sex || n.plural) return sentence;
  const pronoun = n.sex === 'female' ? 'she' : 'he';
  const who = literal(n.named);
  const re = new RegExp(
    String.raw`(\b(?:[Hh]is|[Hh]er|[Tt]he patient's) ${who}\b[^.;]*?\b(?:but|and)\s+)${pronoun} ${REPORTS} that ` +
      String.raw`(?:his|her) (mother|father|sister|brother|husband|wife)\b`,
    'g',
  );
  return sentence.replace(re, (_m, before: string, kin: string) => `${before}I can tell you that my ${kin}`);
}
