import type { Case } from '../../cases/types.js';
import type { PatientProfile } from '../../probes/profile.js';
import type { Variant } from '../types.js';

/** A variant with what it is checked against: its base (the clean text it was made from) and who the patient is. */
export interface CheckInput {
  case: Case;
  variant: Variant;
  base: Variant;
  profile: PatientProfile;
}

export interface Defect {
  lint: string;
  message: string;
  /** The variant text at fault, short enough to show in a report. */
  excerpt: string;
}

export interface Lint {
  name: string;
  description: string;
  applies(v: Variant): boolean;
  check(i: CheckInput): Defect[];
}
