import type { PatientProfile } from '../profile.js';
import { joinUnits, type Unit } from '../structure.js';
import { carriesOn } from '../structure/dangling.js';
import type { Ineligible } from '../types.js';
import { sectionOf } from './place.js';

/** Pronouns for the patient: subject, object-free possessive, reflexive; and who speaks. */
interface Voice {
  s: string;
  p: string;
  r: string;
  /** "She says she has" (the patient) or "Her family has" (a parent speaks for a child). */
  family: boolean;
}
const cap = (t: string) => t[0].toUpperCase() + t.slice(1);

/**
 * A finding class the patient (or the family) could perceive, and get wrong: what marks it in the decisive unit, what
 * keeps it out (a place or context the patient cannot see), what in the rest of the history already tells of it, and the
 * vaguer statement. Never a value, never a test, never the denial of a symptom the case lists (the `told` check).
 */
interface FindingClass {
  name: string;
  found: RegExp;
  unseen?: RegExp;
  told: RegExp;
  says: (v: Voice) => string;
}

const said = (v: Voice, patient: string, family: string) => (v.family ? `${cap(v.p)} family ${family}` : `${cap(v.s)} ${patient}`);

export const FINDING_CLASSES: readonly FindingClass[] = [
  {
    name: 'skin colour (jaundice)',
    found: /\b(?:jaundice[d]?|icter(?:us|ic)|yellow(?:ish)?(?: \w+)? (?:skin|sclera\w*|discolou?ration))\b/i,
    told: /\b(?:yellow\w*|jaundice\w*|icter\w*|skin colou?r)\b/i,
    says: (v) => said(v, `says ${v.s} has not noticed any yellowing of ${v.p} skin or eyes.`, `has not noticed any yellowing of ${v.p} skin or eyes.`),
  },
  {
    name: 'skin colour (pallor)',
    found: /\b(?:pallor|pale)\b/i,
    told: /\b(?:pale\w*|pallor|colou?r)\b/i,
    says: (v) => said(v, `does not think ${v.s} looks pale.`, `does not think ${v.s} looks pale.`),
  },
  {
    name: 'a lump or mass',
    found: /\b(?:lumps?|mass(?:es)?|nodules?|goit(?:re|er)|lymphadenopathy|(?:enlarged|palpable) lymph nodes?)\b/i,
    unseen: /\b(?:abdom\w*|pelvi\w*|rectal|vaginal|adnex\w*|uter\w*|prostat\w*|thyroid bruit|fund\w*|retin\w*)\b/i,
    told: /\b(?:lumps?|mass(?:es)?|nodul\w*|goit\w*|swell\w*|swollen|glands?)\b/i,
    says: (v) => said(v, `has not felt any lump ${v.r}.`, `has not felt any lump.`),
  },
  {
    name: 'a rash',
    found: /\b(?:rash(?:es)?|papules?|macules?|petechiae|purpura|pustules?|bullae|vesicles?|(?:skin|cutaneous) lesions?)\b/i,
    unseen: /\b(?:fund\w*|retin\w*|optic|mouth|oral|tongue|buccal|palat\w*|pharyn\w*|tonsil\w*|cervi\w*|vagin\w*|back|buttocks?)\b/i,
    told: /\b(?:rash\w*|spots?|lesions?|itch\w*|blisters?|marks?|bruis\w*)\b/i,
    says: (v) => said(v, `has not noticed any rash or marks on ${v.p} skin.`, `has not noticed any rash or marks on ${v.p} skin.`),
  },
  {
    name: 'swelling (oedema)',
    found: /\b(?:pitting )?o?edema\b/i,
    unseen: /\b(?:pulmonary|papill\w*|cerebral|macular|optic|disc|interstitial|bowel|mucosal|airway|laryn\w*)\b/i,
    told: /\b(?:swell\w*|swollen|o?edema\w*|puff\w*)\b/i,
    says: (v) => said(v, `says ${v.s} has not noticed any swelling.`, `has not noticed any swelling.`),
  },
  {
    name: 'weight',
    found: /\b(?:lost|loss of|down from|fallen from|dropped from|decreased from)\b[^.]{0,40}\b(?:weight|kg|lb)\b/i,
    told: /\b(?:weight|thinner|weighs|weighed|appetite)\b/i,
    says: (v) => said(v, `does not think ${v.s} has lost weight.`, `does not think ${v.s} has lost weight.`),
  },
  {
    name: 'blood in the stool',
    found: /\b(?:rectal|stools?)\b[^.]{0,60}\b(?:blood|bloody|maroon|melaena|melena|black|tarry)\b/i,
    unseen: /\b(?:guaiac|occult|FOBT|FIT|tests?|positive|negative)\b/i,
    told: /\b(?:blood\w*|stools?|bleed\w*|mela?ena|black|tarry|bowel\w*)\b/i,
    says: (v) => said(v, `has not noticed any blood in ${v.p} stools.`, `has not noticed any blood in ${v.p} stools.`),
  },
  {
    name: 'fever',
    found: /\b(?:temperature|temp)\b[^.\d]{0,20}(?:(?:3[89]|4[0-2])(?:\.\d+)?\s*°\s*C|10[0-6](?:\.\d+)?\s*°\s*F)|\bfebrile\b/i,
    told: /\b(?:fevers?|febrile|feverish|chills|rigou?rs|hot|temperatures?|warm)\b/i,
    says: (v) => said(v, `says ${v.s} has not felt feverish.`, `says ${v.s} has not felt hot to the touch.`),
  },
];

/** A cue in front of a finding that denies it ("no jaundice", "without lymphadenopathy"): nothing to override. */
const DENIED = /\b(?:no|not|without|absent|negative|nor|denies)\b[^.;,]{0,30}$/i;

/** The class of the decisive finding the patient could have perceived (and got wrong), or why there is none. */
export function perceivedClass(decisive: string): FindingClass | Ineligible {
  if (sectionOf(decisive) !== 'examination') return { ineligible: 'decisive finding not one the patient could perceive', detail: 'history or a test result' };
  for (const c of FINDING_CLASSES) {
    const m = c.found.exec(decisive);
    if (!m || DENIED.test(decisive.slice(0, m.index)) || c.unseen?.test(decisive)) continue;
    return c;
  }
  return { ineligible: 'decisive finding not one the patient could perceive', detail: decisive.slice(0, 60) };
}

/**
 * Dose 4: dose 2's text plus one sentence, the patient's (or the family's) earlier and vaguer perception of the decisive
 * finding, at the end of the history that opens the story, so the examination told last overrides it. Ineligible when
 * nobody could have perceived it, the history already tells of it, or the sentence would interrupt a unit that carries on.
 */
export function patientSays(
  list: readonly (Unit | string)[],
  us: readonly Unit[],
  decisive: string,
  moved: string,
  profile: PatientProfile,
): { narrative: string; says: { class: string; text: string; after: number } } | Ineligible {
  const c = perceivedClass(decisive);
  if ('ineligible' in c) return c;
  if (!profile.describesPatient || profile.dies) return { ineligible: 'no patient to have noticed the finding' };
  if (profile.speaker === 'companion') return { ineligible: 'the patient cannot speak for what they noticed' };
  if (!profile.sex) return { ineligible: 'no pronoun for the patient', detail: 'the text states no sex' };
  const text = (u: Unit | string) => (typeof u === 'string' ? u : u.text);
  const others = list.map(text).filter((t) => t !== moved);
  const told = others.find((t) => c.told.test(t));
  if (told) return { ineligible: 'the history already tells of the finding', detail: told.slice(0, 60) };
  const she = profile.sex === 'female';
  const sentence = c.says({ s: she ? 'she' : 'he', p: she ? 'her' : 'his', r: she ? 'herself' : 'himself', family: profile.speaker === 'parent' });
  // After the history that follows the opening, before the first finding.
  let k = 1;
  while (k < list.length && text(list[k]) !== moved && typeof list[k] !== 'string' && sectionOf(text(list[k])) === 'history') k++;
  const next = list[k];
  if (typeof next !== 'string' && next && carriesOn(next.text))
    return { ineligible: 'the statement would interrupt a unit that carries on', detail: next.text.slice(0, 60) };
  if (/:\s*$/.test(text(list[k - 1]))) return { ineligible: 'the statement would follow a heading' };
  const whole = joinUnits(list, us);
  const head = joinUnits(list.slice(0, k), us);
  // Dose 2's text with one sentence added: only where a single space joins the two units it goes between.
  if (!whole.startsWith(head) || !/^ (?=\S)/.test(whole.slice(head.length))) return { ineligible: 'no sentence break for the statement' };
  return { narrative: `${head} ${sentence}${whole.slice(head.length)}`, says: { class: c.name, text: sentence, after: k - 1 } };
}
