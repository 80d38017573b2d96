import type { Case } from '../cases/types.js';
import type { PatientProfile } from './profile.js';

/** What a probe sees: a case already rendered to text (slots resolved), and who the patient is. */
export interface ProbeInput {
  case: Case;
  narrative: string;
  question: string;
  options: Record<string, string>;
  answer: string;
  profile: PatientProfile;
}

export interface ProbeOutput {
  narrative: string;
  question: string;
  options: Record<string, string>;
  answer: string;
  /** The probe's own record of what it changed. */
  changes: unknown;
}

/** A case the probe cannot stress as designed: excluded from that probe and counted, never a silent no-op. */
export interface Ineligible {
  ineligible: string;
  detail?: string;
}

/** A stem about a study, researcher or specimen: no patient to narrate, hold an opinion or chat. */
export const NO_PATIENT: Ineligible = { ineligible: 'no patient in the story', detail: 'the stem describes a study, a researcher or a specimen' };

/** The patient dies in the story: no narrator can chat, plead or retell it as their own. */
export const PATIENT_DIES: Ineligible = { ineligible: 'the patient dies in the story' };

/** Why no one can tell this story as the patient's (chatting, pleading), or null when someone can. */
export const noNarrator = (p: PatientProfile): Ineligible | null => (!p.describesPatient ? NO_PATIENT : p.dies ? PATIENT_DIES : null);

export const isIneligible = (o: ProbeOutput | Ineligible): o is Ineligible => 'ineligible' in o;

/**
 * A narrative stress probe: a pure, deterministic function of the input and
 * the seed. It must leave the medical facts unchanged.
 */
export interface Probe {
  name: string;
  description: string;
  apply(input: ProbeInput, seed: number): ProbeOutput | Ineligible;
}
