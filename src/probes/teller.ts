import type { PatientProfile } from './profile.js';

/**
 * Who speaks for a patient who cannot (or a child), as the story names them: "his wife", "her
 * grandmother", "the au pair". Reviewers read "the relative with him" beside a story that names a
 * wife, and "the parent" where a grandmother or an au pair brought the child, as a misfit.
 */
export interface Teller {
  /** The noun phrase for the speaker, lower case: "his wife", "one of her parents", "the au pair". */
  name: string;
  /** A mother or father (or both): lines about "my child", other parents and parenting fit them. */
  parent: boolean;
  /** A grandparent: lines about a grandparent or a grandchild would name them twice. */
  grandparent: boolean;
}

const KIN =
  'wife|husband|partner|spouse|mother|father|mom|mum|dad|parents|stepmother|stepfather|foster (?:mother|father|parents)|' +
  'grandmother|grandfather|grandparents|daughter|son|sister|brother|aunt|uncle|niece|nephew|girlfriend|boyfriend|fianc[ée]e?|' +
  'friend|roommate|housemate|flatmate|neighbou?r|caregiver|carer|guardian';
/** People who look after a child or an adult without being kin: "the au pair", not "his au pair". */
const MINDERS = 'au pair|nanny|babysitter|childminder|home health aide|care worker|social worker|school nurse|teacher|coach';
const WHOSE = String.raw`(his|her|their|the patient's|the patient’s|the child's|the child’s|the|an?)`;

/**
 * The companion as the story names them, strongest reading first: the person who brought or came with
 * the patient ("is brought … by his wife", "comes with her grandmother"), then the person who speaks
 * in the story ("his mother says", "her husband reports"). A kin word in the family or social history
 * ("lives with his wife", "her mother had breast cancer") is neither, and is not read.
 */
const readings = (kin: string, came: string): RegExp[] => [
  new RegExp(
    String.raw`\b(?:brought|accompanied|comes?|came|presents?|presented|arrives?|arrived|is seen|is here${came})\b[^.;]{0,80}?` +
      String.raw`\b(?:by|with)\s+(?:${WHOSE}\s+(${kin})|(?:an?|the|his|her|their)\s+(${MINDERS}))\b`,
    'i',
  ),
  new RegExp(
    String.raw`\b(?:${WHOSE}\s+(${kin}|family)|(?:an?|the|his|her|their)\s+(${MINDERS}))(?:,? who [^.;,]{0,40},?)?\s+(?:also\s+|last\s+)?` +
      String.raw`(?:says|said|say|reports?|reported|states?|stated|notes?|noted|explains?|tells|mentions?|describes?|` +
      String.raw`(?:is|are|was|were) (?:also )?(?:concerned|worried)|` +
      String.raw`(?:has|have) (?:also )?noticed|noticed|found|brings|brought|arrives|thinks|believes|feels|saw|heard|` +
      String.raw`(?:was|were) \w+ing)\b`,
    'i',
  ),
];
const READINGS = readings(KIN, '');
/** Also "by a parent", "by an adult child", "witnessed by his wife": someone the case names, read only by namedTeller. */
const WIDE = readings(`${KIN}|parent|adult child`, '|witnessed|found');

const PARENT = /^(?:mother|father|mom|mum|dad|parents?|stepmother|stepfather|foster (?:mother|father|parents))$/;
const GRANDPARENT = /^grand(?:mother|father|parents)$/;

/** The speaker's name when someone other than the patient tells the story; null when the story names nobody for it. */
export function teller(profile: Pick<PatientProfile, 'speaker' | 'sex'>, narrative: string): Teller | null {
  if (profile.speaker === 'patient') return null;
  return read(READINGS, profile, narrative);
}

/**
 * Whoever the case names as with the patient, read more widely than teller() ("by a parent" is "the
 * parent", "by an adult child"), for probes that must name their speaker unambiguously or go without:
 * "his parents" is "his mother" (one of two, so never "the parent"). Read whatever the profile's speaker
 * (a patient's companion can speak too). teller() itself is unchanged for the probes that read it.
 */
export function namedTeller(profile: Pick<PatientProfile, 'sex'>, narrative: string): Teller | null {
  const t = read(WIDE, profile, narrative);
  if (!t) return null;
  const both = /^one of (.+?) (foster )?parents$/.exec(t.name);
  if (both) return { ...t, name: `${both[1]} ${both[2] ?? ''}mother` };
  if (/^(?:his|her|the patient’s) parent$/.test(t.name)) return { ...t, name: 'the parent', parent: true };
  return t.name.endsWith(' adult child') ? { ...t, name: t.name.replace(/^the patient’s /, 'the ') } : t;
}

function read(res: readonly RegExp[], profile: Pick<PatientProfile, 'sex'>, narrative: string): Teller | null {
  for (const re of res) {
    const m = re.exec(narrative);
    if (!m) continue;
    const [, whose, kin, minder] = m;
    const who = (kin ?? minder).toLowerCase();
    const own = profile.sex === 'male' ? 'his' : profile.sex === 'female' ? 'her' : 'the patient’s';
    // Kin are the patient's ("his wife"); a minder is "the au pair", whoever's the story says.
    const poss = minder ? 'the' : /^(?:his|her)$/i.test(whose ?? '') ? whose.toLowerCase() : own;
    // A plural ("parents") speaks as one of them, so every bank line's singular verb still agrees.
    const name = /s$/.test(who) && !/ss$/.test(who) ? `one of ${poss} ${who}` : `${poss} ${who}`;
    return { name, parent: PARENT.test(who), grandparent: GRANDPARENT.test(who) };
  }
  return null;
}
