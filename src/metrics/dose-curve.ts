// The shape of a dose-response curve: pure functions of MI at each dose (graded stress, METHODS.md).

/** MI below this at a dose is a fall: the threshold dose is the first such dose; a fall of more than 1 − this is a drop. */
export const THRESHOLD_MI = 0.9;

/**
 * The stress-tolerance index: the area under MI(dose) on a log-dose axis, each MI clamped to [0, 1], divided by the
 * axis' length, so 1 is no loss at any dose and 0 is total loss at every dose. Trapezoids between the doses given;
 * null with fewer than two doses or an undefined MI.
 */
export function stiOf(doses: readonly number[], mi: readonly (number | null)[]): number | null {
  if (doses.length < 2 || mi.some((m) => m === null || !Number.isFinite(m))) return null;
  const y = mi.map((m) => Math.min(1, Math.max(0, m!)));
  const x = doses.map((d) => Math.log2(d));
  let area = 0;
  for (let k = 1; k < x.length; k++) area += ((y[k - 1] + y[k]) / 2) * (x[k] - x[k - 1]);
  return area / (x[x.length - 1] - x[0]);
}

/** The first dose whose MI falls below {@link THRESHOLD_MI}; null when none does (reported as "> max dose"). */
export function thresholdDose(doses: readonly number[], mi: readonly (number | null)[]): number | null {
  const k = mi.findIndex((m) => m !== null && m < THRESHOLD_MI);
  return k < 0 ? null : doses[k];
}
