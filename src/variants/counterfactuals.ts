import { hasSlots, renderSlots } from '../cases/slots.js';
import { RACE_VALUES, SES_VALUES, SEX_VALUES, type Case, type Demographics, type RaceEthnicity, type Ses } from '../cases/types.js';
import { statedRace, setRace } from './free-text/race.js';
import { relevanceTerm, sexOptionTerm, sexRelevance } from './free-text/relevance.js';
import { insertSes, sesSentence } from './free-text/ses.js';
import { sesStated } from './free-text/ses-stated.js';
import { NEUTRAL_SENTENCE, neutralAge } from './free-text/neutral.js';
import { bornToMother, patientProfile, statedAge } from '../probes/profile.js';
import { detectSex, type SexValue } from '../cases/lexicon/sex-words.js';
import { sexSwapPlan, swapSex } from './free-text/sex.js';
import type { Counterfactual } from './types.js';

export type CounterfactualAttribute = Counterfactual['attribute'];

export const ATTRIBUTE_VALUES: Record<CounterfactualAttribute, readonly string[]> = {
  sex: SEX_VALUES,
  race_ethnicity: RACE_VALUES,
  ses: SES_VALUES,
};

const SLOT_MARK: Record<CounterfactualAttribute, string> = { sex: '{{sex:', race_ethnicity: '{{race_ethnicity}}', ses: '{{ses:' };
const SLOT_BASELINE: Record<CounterfactualAttribute, string> = { sex: 'male', race_ethnicity: 'unspecified', ses: 'low' };

/** Why a case is left out of a counterfactual; stable, as they are stored with runs and counted in reports. */
export const EXCLUSION_REASONS = ['clinically_relevant', 'no_slot', 'undetermined', 'already_stated'] as const;
export type ExclusionReason = (typeof EXCLUSION_REASONS)[number];

export type Eligibility =
  | { eligible: true; mode: 'slot' | 'free-text'; baseline: string | null }
  | { eligible: false; reason: ExclusionReason; detail?: string };

/**
 * Slotted cases swap exactly. Free text (imported cases) goes through rule
 * engines: sex by word rules, race/ethnicity written into the opening phrase,
 * socioeconomic markers added as a sentence. Clinically relevant attributes
 * are excluded: the author's flag for slotted cases (and, for sex, options
 * naming one sex's anatomy); for free text, sex-specific anatomy, disease or
 * history in the options or as the patient's own in the narrative
 * (data/probes/sex-specific.yaml), a keyword list for the other attributes.
 * A sex swap whose pronouns cannot be resolved safely is `undetermined`.
 */
export function counterfactualEligibility(c: Case, attribute: CounterfactualAttribute): Eligibility {
  if (c.attributeRelevance?.[attribute]) return { eligible: false, reason: 'clinically_relevant', detail: 'attributeRelevance' };
  if (hasSlots(c.vignette)) {
    if (!c.vignette.includes(SLOT_MARK[attribute])) return { eligible: false, reason: 'no_slot' };
    // A safety net under the author's flag: options naming one sex's anatomy cannot follow a swap.
    const option = attribute === 'sex' ? sexOptionTerm(c) : null;
    if (option) return { eligible: false, reason: 'clinically_relevant', detail: option };
    return { eligible: true, mode: 'slot', baseline: c.demographics?.[attribute] ?? SLOT_BASELINE[attribute] };
  }
  // A stem about a study, a researcher or a specimen has no patient whose demographics could change.
  if (!patientProfile(c, c.vignette).describesPatient) return { eligible: false, reason: 'undetermined', detail: 'no patient in the story' };
  const term = attribute === 'sex' ? sexRelevance(c) : relevanceTerm(`${c.vignette}\n${c.question}`, attribute);
  if (term) return { eligible: false, reason: 'clinically_relevant', detail: term };
  switch (attribute) {
    case 'sex': {
      if (bornToMother(c.vignette)) return { eligible: false, reason: 'undetermined', detail: "a newborn's story told with the mother's details" };
      const sex = detectSex(c.vignette);
      if (!sex) return { eligible: false, reason: 'undetermined', detail: 'no sex marker, or as many of each' };
      const plan = sexSwapPlan(`${c.vignette}\n${c.question}`, sex);
      if ('undetermined' in plan) return { eligible: false, reason: 'undetermined', detail: plan.undetermined };
      return { eligible: true, mode: 'free-text', baseline: sex };
    }
    case 'race_ethnicity': {
      const stated = statedRace(c.vignette);
      return stated
        ? { eligible: true, mode: 'free-text', baseline: stated.value }
        : { eligible: false, reason: 'no_slot', detail: 'no opening demographic phrase' };
    }
    case 'ses': {
      // An added sentence must not contradict work or means the story already states.
      const stated = sesStated(c.vignette);
      return stated ? { eligible: false, reason: 'already_stated', detail: stated } : { eligible: true, mode: 'free-text', baseline: null };
    }
  }
}

/**
 * Free-text sex and race are symmetric: every value, the case's own included,
 * is rendered by the same edit and then carries the same neutral edit, so
 * the values differ from each other only by the group and the own value's
 * variant is the neutral edit itself. Slotted cases render every value
 * through the template already; free-text SES adds a sentence for each value.
 */
export function ownValueEdited(mode: 'slot' | 'free-text', baseline: string | null): boolean {
  return mode === 'free-text' && baseline !== null;
}

export function renderCounterfactual(
  c: Case,
  cf: Counterfactual,
  mode: 'slot' | 'free-text',
  baseline: string | null = null,
): { narrative: string; question: string } {
  if (mode === 'slot') {
    const demo: Demographics = { ...c.demographics, [cf.attribute]: cf.value };
    return { narrative: renderSlots(c.vignette, demo), question: renderSlots(c.question, demo) };
  }
  switch (cf.attribute) {
    case 'sex': {
      if (cf.value === baseline) return { narrative: neutralEdit(c.vignette).text, question: c.question };
      const to = cf.value as SexValue;
      // One plan for the whole case: the question's pronouns refer to the narrative's people.
      const plan = sexSwapPlan(`${c.vignette}\n${c.question}`, to === 'male' ? 'female' : 'male');
      const safe = 'undetermined' in plan ? { partnerPronouns: false } : plan;
      return { narrative: neutralEdit(swapSex(c.vignette, to, safe)).text, question: swapSex(c.question, to, safe) };
    }
    case 'race_ethnicity':
      return { narrative: neutralEdit(cf.value === baseline ? c.vignette : setRace(c.vignette, cf.value as RaceEthnicity)).text, question: c.question };
    case 'ses':
      return { narrative: insertSes(c.vignette, sesSentence(c.id, cf.value as Ses, statedAge(c.vignette))), question: c.question };
  }
}

/**
 * The neutral-edit variant of a case that renders its own value untouched
 * (slotted cases; free-text SES, whose own value is "not stated"): the edit
 * is made where that attribute's edits are made.
 */
export function renderNeutral(
  c: Case,
  attribute: CounterfactualAttribute,
  mode: 'slot' | 'free-text',
): { narrative: string; question: string; edit: NeutralEdit } {
  const demo = c.demographics ?? {};
  const text = mode === 'slot' ? renderSlots(c.vignette, demo) : c.vignette;
  const question = mode === 'slot' ? renderSlots(c.question, demo) : c.question;
  if (mode === 'free-text' && attribute === 'ses') return { narrative: insertSes(text, NEUTRAL_SENTENCE), question, edit: { from: '', to: NEUTRAL_SENTENCE } };
  const e = neutralEdit(text);
  return { narrative: e.text, question, edit: e.edit };
}

export interface NeutralEdit {
  from: string;
  to: string;
}

/** The age phrase rewritten between digits and words, or, without one, a neutral sentence after the opening. */
function neutralEdit(text: string): { text: string; edit: NeutralEdit } {
  const age = neutralAge(text);
  if (age) return { text: age.text, edit: { from: age.from, to: age.to } };
  return { text: insertSes(text, NEUTRAL_SENTENCE), edit: { from: '', to: NEUTRAL_SENTENCE } };
}
