import type { PatientProfile, Speaker } from '../profile.js';
import { firstPronounSex, type Sex } from '../first-person.js';
import type { Rng } from '../../util/rng.js';

/** Who tells the story and how they name the patient. */
export interface Narrator {
  speaker: Speaker;
  /** How the narrator names the patient ("my son", "my husband"); null when the patient narrates. */
  patientAs: string | null;
  /** The narrator as the text names them ("mother", "wife", "parents"), null when the text does not. */
  named: string | null;
  /** Whether the narrator speaks as "we" (both parents). */
  plural: boolean;
  /** The narrator's sex, when the relation gives it. */
  sex: Sex | null;
  /** The patient's sex, for the clinician's line that introduces the teller ("in her own words"). */
  patientSex: Sex | null;
}

const FEMALE_KIN = /^(mother|mom|grandmother|wife|sister|daughter|girlfriend|aunt)$/;
const MALE_KIN = /^(father|dad|grandfather|husband|brother|son|boyfriend|uncle)$/;
const kinSex = (w: string): Sex | null => (FEMALE_KIN.test(w) ? 'female' : MALE_KIN.test(w) ? 'male' : null);

const PARENT_WORDS = 'mother|father|parents|mom|dad|grandmother|grandfather';
const COMPANION_WORDS =
  'wife|husband|partner|daughter|son|mother|father|parents|sister|brother|girlfriend|boyfriend|roommate|friend|fiancée|fiancé|coworker|neighbor|neighbour';
/** What the narrator calls the patient, by the narrator's relation and the patient's sex. */
const INVERSE: Record<string, [string, string, string]> = {
  // [male patient, female patient, unknown]
  mother: ['son', 'daughter', 'child'],
  father: ['son', 'daughter', 'child'],
  mom: ['son', 'daughter', 'child'],
  dad: ['son', 'daughter', 'child'],
  parents: ['son', 'daughter', 'child'],
  grandmother: ['grandson', 'granddaughter', 'grandchild'],
  grandfather: ['grandson', 'granddaughter', 'grandchild'],
  wife: ['husband', 'partner', 'partner'],
  husband: ['husband', 'wife', 'partner'],
  partner: ['partner', 'partner', 'partner'],
  girlfriend: ['boyfriend', 'girlfriend', 'partner'],
  boyfriend: ['boyfriend', 'girlfriend', 'partner'],
  fiancée: ['fiancé', 'fiancée', 'partner'],
  fiancé: ['fiancé', 'fiancée', 'partner'],
  daughter: ['father', 'mother', 'parent'],
  son: ['father', 'mother', 'parent'],
  sister: ['brother', 'sister', 'sibling'],
  brother: ['brother', 'sister', 'sibling'],
  roommate: ['roommate', 'roommate', 'roommate'],
  friend: ['friend', 'friend', 'friend'],
  coworker: ['coworker', 'coworker', 'coworker'],
  neighbor: ['neighbor', 'neighbor', 'neighbor'],
  neighbour: ['neighbour', 'neighbour', 'neighbour'],
};

/** The relative the text names as bringing or accompanying the patient ("brought … by his wife"), else the first one mentioned. */
function namedRelative(text: string, words: string): string | null {
  const by = new RegExp(`\\b(?:by|with|accompanied by)\\s+(?:his|her|the patient's|their|the)\\s+(${words})\\b`, 'i').exec(text);
  if (by) return by[1].toLowerCase();
  const any = new RegExp(`\\b(?:his|her|the patient's|the)\\s+(${words})\\b`, 'i').exec(text);
  return any ? any[1].toLowerCase() : null;
}

/** A parent brought the minor in, or speaks for them: "brought … by his mother", "her parents are concerned". */
const PARENT_PRESENT = new RegExp(
  `\\b(?:brought|accompanied)\\b[^.;]{0,80}?\\bby (?:his|her|their|the patient's) (?:${PARENT_WORDS})\\b|` +
    `\\b(?:his|her|the patient's) (?:${PARENT_WORDS}) (?:is|are|was|were|has been|` +
    `have been) (?:\\w+ )?(?:concerned|worried|anxious)\\b`,
  'i',
);

/** A patient under 18 whom a parent brought in: the parent tells it, as they would. */
function minorWithParent(profile: PatientProfile, text: string): boolean {
  return profile.ageYears !== null && profile.ageYears < 18 && PARENT_PRESENT.test(text);
}

const pickSex = <T>(sex: Sex | null, [m, f, u]: [T, T, T]): T => (sex === 'male' ? m : sex === 'female' ? f : u);

/** The narrator the profile calls for: the patient, a parent (under 12) or the relative with a patient who cannot speak. */
export function chooseNarrator(profile: PatientProfile, text: string, rng: Rng): Narrator {
  const sex = profile.sex ?? firstPronounSex(text);
  if (profile.speaker === 'patient' && !minorWithParent(profile, text))
    return { speaker: 'patient', patientAs: null, named: null, plural: false, sex, patientSex: sex };
  if (profile.speaker !== 'companion') {
    const named = namedRelative(text, PARENT_WORDS);
    const relation = named ?? 'parent';
    const baby = profile.ageBand === 'neonate' || profile.ageBand === 'infant';
    const child = INVERSE[relation] ? pickSex(sex, INVERSE[relation]) : pickSex(sex, ['son', 'daughter', baby ? 'baby' : 'child']);
    const plural = relation === 'parents';
    return {
      speaker: 'parent',
      patientAs: `${plural ? 'our' : 'my'} ${child === 'child' && baby ? 'baby' : child}`,
      named,
      plural,
      sex: kinSex(relation),
      patientSex: sex,
    };
  }
  const named = namedRelative(text, COMPANION_WORDS);
  if (named && INVERSE[named]) {
    const as = pickSex(sex, INVERSE[named]);
    return { speaker: 'companion', patientAs: `my ${as}`, named, plural: named === 'parents', sex: kinSex(named), patientSex: sex };
  }
  // No relative named: one chosen by the seed, fitting the patient's age and sex.
  let as: string;
  if (sex === null) as = 'relative';
  else if (profile.ageBand === 'older_adult') as = sex === 'male' ? 'father' : 'mother';
  else if (profile.ageBand === 'adolescent') as = sex === 'male' ? 'son' : 'daughter';
  else as = rng.pick(sex === 'male' ? ['husband', 'partner', 'brother'] : ['wife', 'partner', 'sister']);
  return { speaker: 'companion', patientAs: `my ${as}`, named: null, plural: false, sex: null, patientSex: sex };
}
