import { hasSlots, renderSlots } from '../cases/slots.js';
import { RACE_VALUES, SES_VALUES, SEX_VALUES, type Case, type Demographics, type RaceEthnicity, type Ses } from '../cases/types.js';
import { statedRace, setRace } from './free-text/race.js';
import { relevanceTerm } from './free-text/relevance.js';
import { insertSes, sesSentence } from './free-text/ses.js';
import { detectSex, swapSex, type SexValue } from './free-text/sex.js';
import type { Counterfactual } from './types.js';

export type CounterfactualAttribute = Counterfactual['attribute'];

export const ATTRIBUTE_VALUES: Record<CounterfactualAttribute, readonly string[]> = {
  sex: SEX_VALUES,
  race_ethnicity: RACE_VALUES,
  ses: SES_VALUES,
};

const SLOT_MARK: Record<CounterfactualAttribute, string> = { sex: '{{sex:', race_ethnicity: '{{race_ethnicity}}', ses: '{{ses:' };
const SLOT_BASELINE: Record<CounterfactualAttribute, string> = { sex: 'male', race_ethnicity: 'unspecified', ses: 'low' };

export type ExclusionReason = 'clinically_relevant' | 'no_slot' | 'undetermined';

export type Eligibility =
  | { eligible: true; mode: 'slot' | 'free-text'; baseline: string | null }
  | { eligible: false; reason: ExclusionReason; detail?: string };

/**
 * Slotted cases swap exactly. Free text (imported cases) goes through rule
 * engines: sex by word rules, race/ethnicity written into the opening phrase,
 * socioeconomic markers added as a sentence. Clinically relevant attributes
 * are excluded: the author's flag for slotted cases, a keyword list for free text.
 */
export function counterfactualEligibility(c: Case, attribute: CounterfactualAttribute): Eligibility {
  if (c.attributeRelevance?.[attribute]) return { eligible: false, reason: 'clinically_relevant', detail: 'attributeRelevance' };
  if (hasSlots(c.vignette)) {
    if (!c.vignette.includes(SLOT_MARK[attribute])) return { eligible: false, reason: 'no_slot' };
    return { eligible: true, mode: 'slot', baseline: c.demographics?.[attribute] ?? SLOT_BASELINE[attribute] };
  }
  const term = relevanceTerm(`${c.vignette}\n${c.question}`, attribute);
  if (term) return { eligible: false, reason: 'clinically_relevant', detail: term };
  switch (attribute) {
    case 'sex': {
      const sex = detectSex(c.vignette);
      return sex ? { eligible: true, mode: 'free-text', baseline: sex } : { eligible: false, reason: 'undetermined', detail: 'no sex marker, or as many of each' };
    }
    case 'race_ethnicity': {
      const stated = statedRace(c.vignette);
      return stated ? { eligible: true, mode: 'free-text', baseline: stated.value } : { eligible: false, reason: 'no_slot', detail: 'no opening demographic phrase' };
    }
    case 'ses':
      return { eligible: true, mode: 'free-text', baseline: null };
  }
}

export function renderCounterfactual(c: Case, cf: Counterfactual, mode: 'slot' | 'free-text'): { narrative: string; question: string } {
  if (mode === 'slot') {
    const demo: Demographics = { ...c.demographics, [cf.attribute]: cf.value };
    return { narrative: renderSlots(c.vignette, demo), question: renderSlots(c.question, demo) };
  }
  switch (cf.attribute) {
    case 'sex':
      return { narrative: swapSex(c.vignette, cf.value as SexValue), question: swapSex(c.question, cf.value as SexValue) };
    case 'race_ethnicity':
      return { narrative: setRace(c.vignette, cf.value as RaceEthnicity), question: c.question };
    case 'ses':
      return { narrative: insertSes(c.vignette, sesSentence(c.id, cf.value as Ses)), question: c.question };
  }
}
