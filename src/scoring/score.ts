import type { CallRecord } from '../store/types.js';
import type { Variant, VariantKey } from '../variants/types.js';
import { parseReply, type ParseMethod } from './parse.js';

/** A stored call judged against its variant's gold. Answers compare by option text. */
export interface ScoredCall {
  modelId: string;
  variantId: string;
  caseId: string;
  condition: string;
  counterfactual: Variant['counterfactual'];
  letter: string | null;
  method: ParseMethod;
  /** The chosen option's text; null when the reply is invalid. */
  answerText: string | null;
  goldText: string;
  goldLetter: string;
  /** How many options the variant showed. */
  optionCount: number;
  correct: boolean;
  /** The case's own value of the counterfactual attribute, for counterfactual variants. */
  counterfactualBaseline: string | null;
  /** The neutral-edit variant of its counterfactual attribute. */
  neutralEdit: boolean;
  keyFindings: string[];
  truncated: boolean;
  /** Probability of each option, by option text, when the provider scored letters. */
  probs: Record<string, number> | null;
}

/** Only calls with a reply are scored; failed calls are never answers. */
export function scoreCall(call: CallRecord, variant: VariantKey): ScoredCall | null {
  if (call.status !== 'ok' || call.raw === null) return null;
  const parsed = parseReply(call.raw, variant.options);
  const answerText = parsed.letter ? variant.options[parsed.letter] : null;
  const goldText = variant.options[variant.answer];
  return {
    modelId: call.modelId,
    variantId: variant.id,
    caseId: variant.caseId,
    condition: variant.condition,
    counterfactual: variant.counterfactual,
    letter: parsed.letter,
    method: parsed.method,
    answerText,
    goldText,
    goldLetter: variant.answer,
    optionCount: Object.keys(variant.options).length,
    counterfactualBaseline: variant.counterfactualBaseline,
    neutralEdit: variant.neutralEdit,
    correct: answerText !== null && answerText === goldText,
    keyFindings: parsed.keyFindings,
    truncated: call.truncated,
    probs: call.letterProbs
      ? Object.fromEntries(
          Object.entries(call.letterProbs)
            .filter(([l]) => l in variant.options)
            .map(([l, p]) => [variant.options[l], p]),
        )
      : null,
  };
}
