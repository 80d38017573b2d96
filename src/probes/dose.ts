import type { Probe } from './types.js';

/** The dose levels a narrative probe takes by default: 1 is the single-dose probe as it always was. */
export const DEFAULT_DOSES: readonly number[] = [1, 2, 4];

/** A probe's variant condition at a dose: the bare name at dose 1 (so a single-dose audit is unchanged), `name@dose` above it. */
export const doseCondition = (probe: string, dose: number): string => (dose === 1 ? probe : `${probe}@${dose}`);

/** The probe and dose of a condition (`distractor@4` → distractor, 4); any other condition is dose 1 of itself. */
export function parseDose(condition: string): { probe: string; dose: number } {
  const m = /^(.+)@(\d+)$/.exec(condition);
  return m ? { probe: m[1], dose: Number(m[2]) } : { probe: condition, dose: 1 };
}

/** The doses a probe is applied at: those asked for that it defines, ascending; a probe without doses is applied once. */
export function probeDoses(probe: Probe, wanted: readonly number[]): number[] {
  if (!probe.doses) return [1];
  const own = new Set(probe.doses);
  return [...new Set(wanted)].filter((d) => own.has(d)).sort((a, b) => a - b);
}
