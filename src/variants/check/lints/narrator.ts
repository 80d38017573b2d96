import { bornToMother } from '../../../probes/profile.js';
import { FIRST_PERSON, MY_KIN, PATIENT_REF, PATIENT_SPEAKS, QUOTED_PATIENT } from '../patient-words.js';
import { isLayVoice, isProbeVariant } from '../scope.js';
import { addedMatches, addedSentences, clip, count, overlap, sentences } from '../text.js';
import type { Defect, Lint } from '../types.js';

const NAME = 'narrator';

// The narrator describing themselves as the patient ("I'm a 4-month-old", "I am a 7-year-old boy").
const SELF_AS_PATIENT =
  /\bI(?:'m| am)\s+(?:a|an)\s+(?:\d+[- ](?:day|week|month|year)s?[- ]old|(?:\w+\s+)?(?:baby|infant|newborn|neonate|toddler|boy|girl|child))\b/i;

// "I am / I had / I developed …": the narrator stating a state of their own.
// A parent's observations ("I have noticed", "I had brought him") are not states.
const I_STATE = new RegExp(
  String.raw`\bI(?:'m| am| was|'ve been| have been|'ve had| have| had| feel| felt| developed| presented| complain(?:ed)?|` +
    String.raw` report(?:ed)?| underwent| received| weigh)\b(?! (?:noticed|seen|heard|brought|found|tried|given|watched|` +
    String.raw`observed|called|asked|spoken|told|kept|taken|checked|been (?:told|giving|watching|worried)))`,
);
// "she is / the child had …": the base stating the patient's state. A pronoun of the other sex is someone else
// ("She is concerned about his leg": the mother of a boy).
const patientState = (sex: 'male' | 'female' | null) =>
  new RegExp(
    String.raw`\b(?:${sex === 'male' ? 'he' : sex === 'female' ? 'she' : 'he|she'}|the (?:patient|boy|girl|child|infant|baby|newborn|toddler))` +
      String.raw`\s+(?:\w+ly\s+)?(?:is|was|has|had|feels|felt|developed|presented|presents|complains|complained|reports|reported|underwent|` +
      String.raw`received|weighs)\b`,
    'i',
  );

/** The base sentence a variant sentence retells, by word overlap. */
function source(s: string, base: string[]): string | null {
  let best: string | null = null;
  let score = 0.4;
  for (const b of base) {
    const o = overlap(s, b);
    if (o > score) [best, score] = [b, o];
  }
  return best;
}

export const narrator: Lint = {
  name: NAME,
  description:
    'Only a patient who can speak tells or is quoted: no first-person patient voice for a child or a patient who ' +
    'cannot speak, and no added "the patient says" for them.',
  applies: isProbeVariant,
  check({ variant, base, profile }) {
    if (profile.speaker === 'patient') return [];
    const defects: Defect[] = [];
    const who = profile.speakerReason ?? profile.speaker;
    // A newborn delivered to a woman: lay_voice has the mother tell it as "I", and "she had prenatal care" is hers.
    if (isLayVoice(variant)) {
      const mothers = bornToMother(base.narrative);
      const bs = sentences(base.narrative).map((s) => s.text);
      for (const s of addedSentences(variant.narrative, base.narrative)) {
        if (SELF_AS_PATIENT.test(s)) {
          defects.push({ lint: NAME, message: `the patient (${who}) narrates in the first person`, excerpt: clip(s) });
          continue;
        }
        // The patient's state retold as the narrator's ("she had a cold" → "I had a cold"). A parent's own
        // words ("I noticed", "my son has", "I am a librarian" for "his mother is") are the right voice.
        const from = source(s, bs);
        if (mothers || !from || count(from, FIRST_PERSON) > 0 || !I_STATE.test(s) || !patientState(profile.sex).test(from)) continue;
        if (count(s, PATIENT_REF) + count(s, MY_KIN) < count(from, PATIENT_REF)) {
          defects.push({ lint: NAME, message: `the patient (${who}) is made the first-person narrator`, excerpt: clip(s) });
        }
      }
    }
    for (const re of [PATIENT_SPEAKS, QUOTED_PATIENT]) {
      for (const s of addedMatches(variant.narrative, base.narrative, re))
        defects.push({ lint: NAME, message: `added text has the patient (${who}) speaking`, excerpt: clip(s) });
    }
    return dedupe(defects);
  },
};

const dedupe = (ds: Defect[]) => ds.filter((d, i) => ds.findIndex((e) => e.excerpt === d.excerpt) === i);
