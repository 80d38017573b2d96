import type { ScoredCall } from '../scoring/score.js';
import { conditionGroup } from '../variants/types.js';
import { clusterBootstrap } from './bootstrap.js';
import { round6, type Estimate } from './wilson.js';

/** Lower is more precise: F32, then 16-bit, then 8-bit and down. */
export function precisionRank(quantization: string | null | undefined): number {
  const q = (quantization ?? '').toUpperCase();
  const table: [RegExp, number][] = [
    [/F32/, 0],
    [/BF16|F16/, 1],
    [/Q8/, 2],
    [/Q6/, 3],
    [/Q5/, 4],
    [/Q4|IQ4/, 5],
    [/Q3|IQ3/, 6],
    [/Q2|IQ2|IQ1/, 7],
  ];
  return table.find(([re]) => re.test(q))?.[1] ?? 9;
}

/**
 * How far a member's letter distributions move from the reference member's on
 * the same prompts: the mean total-variation distance (½ Σ|p − q|, 0 = identical,
 * 1 = disjoint), and how often the top answer agrees. Case-level bootstrap intervals.
 */
export type LadderPoint = Pick<ScoredCall, 'variantId' | 'caseId' | 'condition' | 'counterfactual' | 'probs' | 'answerText'>;

export function ladderShift(
  member: readonly LadderPoint[],
  reference: readonly LadderPoint[],
  resamples: number,
  seed: string,
): { letterShift: Estimate; topAgreement: Estimate } {
  const ref = new Map(reference.filter((s) => s.probs && !s.counterfactual && conditionGroup(s.condition) !== 'retest').map((s) => [s.variantId, s]));
  const perCase = new Map<string, Float64Array>();
  for (const s of member) {
    const r = ref.get(s.variantId);
    if (!r || !s.probs || !r.probs) continue;
    const texts = new Set([...Object.keys(s.probs), ...Object.keys(r.probs)]);
    let tv = 0;
    for (const t of texts) tv += Math.abs((s.probs[t] ?? 0) - (r.probs[t] ?? 0));
    const row = perCase.get(s.caseId) ?? perCase.set(s.caseId, new Float64Array(3)).get(s.caseId)!;
    row[0] += tv / 2;
    row[1] += (s.answerText ?? '') === (r.answerText ?? '') ? 1 : 0;
    row[2] += 1;
  }
  const rows = [...perCase.values()];
  const n = rows.reduce((a, r) => a + r[2], 0);
  if (!n) {
    const none = { value: null, ci95: null, n: 0, reason: 'no prompt scored by both members with letter probabilities' };
    return { letterShift: none, topAgreement: none };
  }
  const stats = { shift: (t: Float64Array) => (t[2] ? t[0] / t[2] : null), agree: (t: Float64Array) => (t[2] ? t[1] / t[2] : null) };
  const ci = clusterBootstrap(rows, stats, resamples, seed);
  const total = rows.reduce((acc, r) => acc.map((x, i) => x + r[i]) as unknown as Float64Array, new Float64Array(3));
  const est = (k: 'shift' | 'agree'): Estimate => ({ value: round6(stats[k](total)!), ci95: ci[k] ? [round6(ci[k]![0]), round6(ci[k]![1])] : null, n });
  return { letterShift: est('shift'), topAgreement: est('agree') };
}
