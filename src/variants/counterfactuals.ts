import { hasSlots, renderSlots } from '../cases/slots.js';
import { RACE_VALUES, SES_VALUES, SEX_VALUES, type Case, type Demographics } from '../cases/types.js';
import type { Counterfactual } from './types.js';

export type CounterfactualAttribute = Counterfactual['attribute'];

export const ATTRIBUTE_VALUES: Record<CounterfactualAttribute, readonly string[]> = {
  sex: SEX_VALUES,
  race_ethnicity: RACE_VALUES,
  ses: SES_VALUES,
};

const SLOT_MARK: Record<CounterfactualAttribute, string> = {
  sex: '{{sex:',
  race_ethnicity: '{{race_ethnicity}}',
  ses: '{{ses:',
};

const BASELINE: Record<CounterfactualAttribute, string> = { sex: 'male', race_ethnicity: 'unspecified', ses: 'low' };

export type Eligibility = { eligible: true; baseline: string } | { eligible: false; reason: 'clinically_relevant' | 'no_slot' };

/**
 * Slotted cases swap exactly. Free-text (imported) cases have no slots and are
 * not eligible until a free-text engine handles them.
 */
export function counterfactualEligibility(c: Case, attribute: CounterfactualAttribute): Eligibility {
  if (c.attributeRelevance?.[attribute]) return { eligible: false, reason: 'clinically_relevant' };
  if (!hasSlots(c.vignette) || !c.vignette.includes(SLOT_MARK[attribute])) return { eligible: false, reason: 'no_slot' };
  return { eligible: true, baseline: c.demographics?.[attribute] ?? BASELINE[attribute] };
}

export function renderCounterfactual(c: Case, cf: Counterfactual): { narrative: string; question: string } {
  const demo: Demographics = { ...c.demographics, [cf.attribute]: cf.value };
  return { narrative: renderSlots(c.vignette, demo), question: renderSlots(c.question, demo) };
}
