import type { Case } from '../cases/types.js';

/** What a probe sees: a case already rendered to text (slots resolved). */
export interface ProbeInput {
  case: Case;
  narrative: string;
  question: string;
  options: Record<string, string>;
  answer: string;
}

export interface ProbeOutput {
  narrative: string;
  question: string;
  options: Record<string, string>;
  answer: string;
  /** The probe's own record of what it changed. */
  changes: unknown;
}

/**
 * A narrative stress probe: a pure, deterministic function of the input and
 * the seed. It must leave the medical facts unchanged.
 */
export interface Probe {
  name: string;
  description: string;
  apply(input: ProbeInput, seed: number): ProbeOutput;
}
