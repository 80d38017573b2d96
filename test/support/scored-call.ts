import type { ScoredCall } from '../../src/scoring/score.js';

/** A scored answer for metric tests: `letter` against `gold` on a 4-option case, the rest defaulted; null is an invalid reply. */
export function scoredCall(
  o: Pick<ScoredCall, 'caseId' | 'condition'> & { modelId?: string; letter: string | null; gold?: string } & Partial<
      Pick<ScoredCall, 'counterfactual' | 'counterfactualBaseline' | 'neutralEdit' | 'variantId'>
    >,
): ScoredCall {
  const gold = o.gold ?? 'A';
  const cf = o.counterfactual ?? null;
  return {
    modelId: o.modelId ?? 'm',
    variantId: o.variantId ?? `${o.caseId}|${o.condition}${cf ? `|${cf.attribute}=${cf.value}` : ''}`,
    caseId: o.caseId,
    condition: o.condition,
    counterfactual: cf,
    counterfactualBaseline: o.counterfactualBaseline ?? null,
    neutralEdit: o.neutralEdit ?? false,
    letter: o.letter,
    method: o.letter ? 'json' : 'invalid',
    answerText: o.letter?.toLowerCase() ?? null,
    goldText: gold.toLowerCase(),
    goldLetter: gold,
    optionCount: 4,
    correct: o.letter === gold,
    keyFindings: [],
    truncated: false,
    probs: null,
  };
}
