import { THRESHOLD_MI } from './dose-curve.js';
import { cmp, f, seenOf, shown } from './interval-logic.js';
import type { Estimate } from './wilson.js';

/**
 * How a model's pooled MI bends as the dose rises (graded stress, METHODS.md): `brittle` has already fallen at the lowest
 * dose; `fatigable` holds there and falls by the highest; `steady` holds throughout. Rules read intervals, as the phenotype
 * rules do: `indeterminate` when the deciding interval straddles its threshold, or with fewer than two shared doses.
 */
export type DoseShapeLabel = 'steady' | 'brittle' | 'fatigable' | 'indeterminate';

export interface DoseShape {
  label: DoseShapeLabel;
  /** The sentence that says which numbers decided, with their intervals. */
  evidence: string;
}

/** The evidence sentence graded stress adds to the phenotype's. */
export const doseEvidence = (d: { shape: DoseShape; sti: Estimate }): string => `dose response ${d.shape.evidence}; ${shown('pooled STI', seen(d.sti))}.`;

const seen = seenOf;
const DROP = 1 - THRESHOLD_MI;

export function doseShape(pooled: readonly { dose: number; mi: Estimate }[], lateFall: Estimate | null): DoseShape {
  if (pooled.length < 2 || !lateFall) return { label: 'indeterminate', evidence: 'fewer than two doses shared by every dosed probe: no curve' };
  const first = pooled[0];
  const last = pooled[pooled.length - 1];
  const low = seen(first.mi);
  const lowName = `pooled MI at dose ${first.dose}`;
  if (low.value === null) return { label: 'indeterminate', evidence: `${lowName} is undefined (${first.mi.reason ?? 'no answers'})` };
  const fell = cmp(low, '<', THRESHOLD_MI);
  if (fell === true) return { label: 'brittle', evidence: `brittle: ${shown(lowName, low)} < ${f(THRESHOLD_MI)}, already fallen at the lowest dose` };
  if (fell === null) return { label: 'indeterminate', evidence: `cannot tell whether it is brittle: ${shown(lowName, low)} straddles ${f(THRESHOLD_MI)}` };
  const late = seen(lateFall);
  const lateName = `fall from dose ${first.dose} to ${last.dose}`;
  const falls = cmp(late, '>', DROP);
  if (falls === true)
    return { label: 'fatigable', evidence: `fatigable: holds at dose ${first.dose} (${shown(lowName, low)}), then ${shown(lateName, late)} > ${f(DROP)}` };
  if (falls === false) return { label: 'steady', evidence: `steady: ${shown(lowName, low)} ≥ ${f(THRESHOLD_MI)} and ${shown(lateName, late)} ≤ ${f(DROP)}` };
  return { label: 'indeterminate', evidence: `cannot tell whether it is fatigable: ${shown(lateName, late)} straddles ${f(DROP)}` };
}
