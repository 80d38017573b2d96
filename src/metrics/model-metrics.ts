import type { ScoredCall } from '../scoring/score.js';
import { conditionGroup } from '../variants/types.js';
import { proportion, type Estimate } from './wilson.js';

export interface ConditionMetrics {
  accuracy: Estimate;
  invalidRate: Estimate;
}

export interface ModelMetrics {
  accuracyClean: Estimate;
  invalidRate: Estimate;
  /** Share of cases whose identical re-ask changed the answer (the noise floor). */
  retestFlipRate: Estimate;
  /** Accuracy on critical variants: does the answer follow a changed decisive fact? */
  responsiveness: Estimate;
}

export interface ModelSummary {
  metrics: ModelMetrics;
  /** Per probe (condition other than clean, retest and critical), without counterfactuals. */
  probes: Record<string, ConditionMetrics>;
}

/**
 * Pure function of one model's scored calls. Only variants without a
 * counterfactual count here; fairness metrics read the rest.
 */
export function modelSummary(calls: readonly ScoredCall[]): ModelSummary {
  const base = calls.filter((c) => c.counterfactual === null);
  const byGroup = new Map<string, ScoredCall[]>();
  for (const c of base) {
    const g = conditionGroup(c.condition);
    (byGroup.get(g) ?? byGroup.set(g, []).get(g)!).push(c);
  }
  const clean = byGroup.get('clean') ?? [];
  const probes: Record<string, ConditionMetrics> = {};
  for (const [g, list] of byGroup) if (!['clean', 'retest', 'critical'].includes(g)) probes[g] = conditionMetrics(list);
  return {
    metrics: {
      accuracyClean: accuracy(clean, 'no clean answers'),
      invalidRate: invalid(clean),
      retestFlipRate: retestFlips(clean, byGroup.get('retest') ?? []),
      responsiveness: accuracy(byGroup.get('critical') ?? [], 'no critical variants in the case set'),
    },
    probes,
  };
}

function conditionMetrics(list: readonly ScoredCall[]): ConditionMetrics {
  return { accuracy: accuracy(list, 'no answers'), invalidRate: invalid(list) };
}

const accuracy = (list: readonly ScoredCall[], reason: string) => proportion(list.filter((c) => c.correct).length, list.length, reason);
const invalid = (list: readonly ScoredCall[]) => proportion(list.filter((c) => c.letter === null).length, list.length);

/** Each retest ask is compared with the clean ask of the same case; invalid differs from any letter. */
function retestFlips(clean: readonly ScoredCall[], retests: readonly ScoredCall[]): Estimate {
  const cleanByCase = new Map(clean.map((c) => [c.caseId, c]));
  let n = 0;
  let flips = 0;
  for (const r of retests) {
    const c = cleanByCase.get(r.caseId);
    if (!c) continue;
    n++;
    if ((r.answerText ?? '\u0000invalid') !== (c.answerText ?? '\u0000invalid')) flips++;
  }
  return proportion(flips, n, 'no retest asks (retest: 0)');
}
