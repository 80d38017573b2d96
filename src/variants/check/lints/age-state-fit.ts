import type { PatientProfile } from '../../../probes/profile.js';
import { isProbeVariant } from '../scope.js';
import { PATIENT_REF, PATIENT_SUBJECT } from '../patient-words.js';
import { addedMatches, clip, count } from '../text.js';
import type { Defect, Lint } from '../types.js';

const NAME = 'age-state-fit';

// Adult life a child cannot have. Workmates count only as someone's own ("her colleagues"): "a colleague" is the clinicians'.
const ADULT_LIFE = new RegExp(
  String.raw`\b(?:(?:his|her|their|my|a|a new|a part-time|a full-time|a weekend) job|works? as|working as|worked as|` +
    String.raw`at work|workplace|office|mortgage|insurance plan|retired|retirement|pension|wife|husband|spouse|partner|` +
    String.raw`girlfriend|boyfriend|as a teenager|university|college|degree|driving|drives|driver's licen[cs]e|car loan|` +
    String.raw`(?:his|her|their|my) (?:colleagues?|co-?workers?|boss|manager)|commute|commuting|salary|payslip|career|` +
    String.raw`employer|shift work|night shifts?|business trip|landlord|rent|tax return|grandchildren|pub|beer|wine|` +
    String.raw`cigarettes?)\b`,
  'gi',
);
// Adult life an adolescent does not have yet.
const LATE_LIFE = /\b(?:mortgage|retired|retirement|pension|spouse|wife|husband|grandchildren|career)\b/gi;
// A patient who cannot speak (unconscious, intubated, confused) shown chatting.
const CHATTING = new RegExp(
  String.raw`\b${PATIENT_SUBJECT}\s+(?:is\s+|was\s+)?(?:\w+ly\s+)?(?:chats|chatting|chatted|chatty|jok(?:es|ed|ing)|` +
    String.raw`laugh(?:s|ed|ing)|mention(?:s|ed)|keeps? (?:asking|saying|talking|telling)|talk(?:s|ed) about|` +
    String.raw`makes small talk)\b|\b(?:he|she) (?:is |was )?(?:chatting|joking|laughing)\b`,
  'gi',
);
// Planned-care talk that does not fit an emergency or intensive care.
const PLANNED = new RegExp(
  String.raw`\b(?:insist(?:s|ed)? on (?:the|this|an?) appointment|book(?:s|ed|ing)?\b[^.]{0,40}\b(?:appointment|visit|` +
    String.raw`consultation|check-?up|slot)|(?:appointment|visit|consultation|check-?up|slot)\b[^.]{0,20}\bbook(?:ed)?|` +
    String.raw`routine check-?up|waiting list|appointment)\b`,
  'gi',
);

/** [pattern, what it breaks, whether the sentence must be about the patient]. */
function rules(p: PatientProfile): [RegExp, string, boolean][] {
  const out: [RegExp, string, boolean][] = [];
  // Adult life is a misfit only when it is the patient's ("A colleague mentioned …" is the clinician's).
  if (p.ageBand === 'neonate' || p.ageBand === 'infant' || p.ageBand === 'child') out.push([ADULT_LIFE, `adult life for a ${p.ageBand}`, true]);
  if (p.ageBand === 'adolescent') out.push([LATE_LIFE, 'adult life for an adolescent', true]);
  if (p.speaker === 'companion') out.push([CHATTING, `the patient (${p.speakerReason ?? 'cannot speak'}) chatting`, false]);
  if (p.setting === 'emergency' || p.setting === 'icu')
    out.push([PLANNED, `planned care in ${p.setting === 'icu' ? 'intensive care' : 'an emergency'}`, false]);
  return out;
}

const unquote = (t: string) => t.replace(/"[^"\n]*"|“[^”\n]*”/g, '"Q"');
/** An option named in the text (anchoring names one verbatim, unquoted) is someone's proposal, not the story. */
const withoutOptions = (t: string, options: Record<string, string>) =>
  Object.values(options)
    .sort((a, b) => b.length - a.length)
    .reduce(
      (s, o) =>
        o.length > 3
          ? s
              .split(o)
              .join('"Q"')
              .split(o[0].toLowerCase() + o.slice(1))
              .join('"Q"')
          : s,
      t,
    );
// For a child the narrator is a parent, so "my job" is the parent's: only third-person words name the child.
const clauses = (s: string) => s.split(/(?:,|;)?\s+(?:and\s+)?(?=(?:that|whether)\s)/);
const aboutPatient = (s: string) => count(s, PATIENT_REF) > 0 || /\bas a (?:teenager|student|young adult)\b/i.test(s);

export const ageStateFit: Lint = {
  name: NAME,
  description:
    'Added text fits the patient: no adult life for a child, no retirement for an adolescent, no chatting for a ' +
    'patient who cannot speak, no appointments in an emergency.',
  applies: isProbeVariant,
  check({ variant, base, profile }) {
    const defects: Defect[] = [];
    for (const [re, what, own] of rules(profile)) {
      // Quoted words are someone's proposal ("an outpatient appointment" as an option), not the story.
      for (const s of addedMatches(withoutOptions(unquote(variant.narrative), variant.options), withoutOptions(unquote(base.narrative), base.options), re)) {
        // A sentence listing several remarks ("…, that a friend will drive and that the child's form …") is judged remark by remark.
        const hit = own ? clauses(s).find((c) => new RegExp(re.source, 'i').test(c) && aboutPatient(c)) : s;
        if (hit === undefined) continue;
        const word = new RegExp(re.source, 'i').exec(hit)?.[0] ?? '';
        defects.push({ lint: NAME, message: `${what}: "${word}"`, excerpt: clip(s) });
      }
    }
    return defects;
  },
};
