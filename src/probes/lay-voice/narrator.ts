import { bornToMother, type PatientProfile, type Speaker } from '../profile.js';
import { firstPronounSex, type Sex } from '../first-person.js';

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

const FEMALE_KIN = /^(mother|mom|grandmother|wife|sister|daughter|girlfriend|aunt|niece|granddaughter|fiancée)$/;
const MALE_KIN = /^(father|dad|grandfather|husband|brother|son|boyfriend|uncle|nephew|grandson|fiancé)$/;
const kinSex = (w: string): Sex | null => {
  const last = w.split(' ').pop()!;
  return FEMALE_KIN.test(last) ? 'female' : MALE_KIN.test(last) ? 'male' : null;
};

const PARENT_WORDS = 'mother|father|parents|parent|mom|dad|grandmother|grandfather|aunt|uncle|older brother|older sister';
const COMPANION_WORDS =
  'adult child|adult son|adult daughter|wife|husband|partner|daughter|son|mother|father|parents|sister|brother|girlfriend|' +
  'boyfriend|roommate|housemate|flatmate|friend|fiancée|fiancé|coworker|colleague|neighbor|neighbour|niece|nephew|grandson|' +
  'granddaughter|aunt|uncle';
/** Someone with a child who is no parent or relative ("The caregiver thinks …"): calling them "her parent" invents a parent. */
const CARER = /\b(?:caregiver|carer|au pair|nanny|babysitter|childminder|guardian|foster (?:mother|father|parents?))s?\b/i;
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
  'adult child': ['father', 'mother', 'parent'],
  'adult son': ['father', 'mother', 'parent'],
  'adult daughter': ['father', 'mother', 'parent'],
  housemate: ['housemate', 'housemate', 'housemate'],
  flatmate: ['flatmate', 'flatmate', 'flatmate'],
  colleague: ['colleague', 'colleague', 'colleague'],
  aunt: ['nephew', 'niece', 'nephew or niece'],
  uncle: ['nephew', 'niece', 'nephew or niece'],
  niece: ['uncle', 'aunt', 'relative'],
  nephew: ['uncle', 'aunt', 'relative'],
  grandson: ['grandfather', 'grandmother', 'grandparent'],
  granddaughter: ['grandfather', 'grandmother', 'grandparent'],
  'older brother': ['brother', 'sister', 'sibling'],
  'older sister': ['brother', 'sister', 'sibling'],
};

/** A word or two between the possessive and the relation: "her concerned father", "his elderly wife". */
const ADJ =
  String.raw`(?:(?:concerned|worried|anxious|distraught|elderly|older|younger|elder|biological|adoptive|twin|long-term|` +
  String.raw`live-in|\d+-year-old)\s+)?`;

/** The relative the text names as bringing or accompanying the patient ("brought … by his wife", "A friend found him"), else the first one mentioned. */
function namedRelative(text: string, words: string): string | null {
  const by = new RegExp(`\\b(?:by|with|accompanied by)\\s+(?:his|her|the patient's|their|the|an?)\\s+${ADJ}(${words})\\b`, 'i').exec(text);
  if (by) return by[1].toLowerCase();
  const any = new RegExp(`\\b(?:his|her|the patient's|the|an?)\\s+${ADJ}(${words})\\b`, 'i').exec(text);
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

/**
 * The narrator the profile calls for: the patient, a parent or relative (under 12, or a minor a parent brought in) or the
 * relative with a patient who cannot speak. Null when nobody the story names could tell it as theirs: the seed never
 * invents a relative ("my brother" for "a relative", "her parent" for an au pair).
 */
export function chooseNarrator(profile: PatientProfile, text: string): Narrator | null {
  const sex = profile.sex ?? firstPronounSex(text);
  // "A newborn is delivered to a 29-year-old woman": she tells it as "I", and the newborn stays "the newborn".
  if (bornToMother(text)) return { speaker: 'patient', patientAs: null, named: null, plural: false, sex: 'female', patientSex: sex };
  if (profile.speaker === 'patient' && !minorWithParent(profile, text))
    return { speaker: 'patient', patientAs: null, named: null, plural: false, sex, patientSex: sex };
  if (profile.speaker !== 'companion') {
    const named = namedRelative(text, PARENT_WORDS);
    if (!named && CARER.test(text)) return null;
    const relation = named ?? 'parent';
    const baby = profile.ageBand === 'neonate' || profile.ageBand === 'infant';
    const child = INVERSE[relation] ? pickSex(sex, INVERSE[relation]) : pickSex(sex, ['son', 'daughter', baby ? 'baby' : 'child']);
    const plural = relation === 'parents';
    const kin = /^(?:mother|father|parents|parent|mom|dad|grandmother|grandfather)$/.test(relation) || !named;
    return {
      speaker: kin ? 'parent' : 'companion',
      patientAs: `${plural ? 'our' : 'my'} ${child === 'child' && baby ? 'baby' : child}`,
      named,
      plural,
      sex: kinSex(relation),
      patientSex: sex,
    };
  }
  const named = namedRelative(text, COMPANION_WORDS);
  if (!named || !INVERSE[named]) return null;
  return { speaker: 'companion', patientAs: `my ${pickSex(sex, INVERSE[named])}`, named, plural: named === 'parents', sex: kinSex(named), patientSex: sex };
}
