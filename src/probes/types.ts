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

/** The case as the probe tells it, and its record of what it changed. */
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
export const NO_PATIENT: Ineligible = {
  ineligible: 'no patient in the story',
  detail: "the stem describes a study, a researcher, a clinician's own situation or a specimen",
};

/** The patient dies in the story: no narrator can chat, plead or retell it as their own. */
export const PATIENT_DIES: Ineligible = { ineligible: 'the patient dies in the story' };

/** Why no one can tell this story as the patient's (chatting, pleading), or null when someone can. */
const noNarrator = (p: PatientProfile): Ineligible | null => (!p.describesPatient ? NO_PATIENT : p.dies ? PATIENT_DIES : null);

/** No one in the story can speak for the patient; the detail says why. One reason, so every probe counts these cases together. */
export const nobodyWith = (detail: string): Ineligible => ({ ineligible: 'no one with the patient to speak', detail });

/** A patient who cannot speak, with nobody beside them in the story: no one is there to tell, digress or plead. */
const NOBODY_WITH = nobodyWith('the patient cannot speak and the story names no one with them');
/** Someone with the patient: a relative, partner, friend or carer named in the story. */
const SOMEONE_WITH = new RegExp(
  String.raw`\b(?:his|her|their|the patient's|an?|the)\s+(?:adult (?:child|children)|wife|husband|partner|` +
    String.raw`spouse|mother|father|parents?|mom|dad|` +
    String.raw`daughter|son|sister|brother|grandmother|grandfather|granddaughter|grandson|aunt|uncle|niece|nephew|cousin|` +
    String.raw`girlfriend|boyfriend|fianc[ée]e?|friend|roommate|housemate|flatmate|neighbou?r|caregiver|carer|family|` +
    String.raw`relatives?|companion)s?\b`,
  'i',
);

/** Why no one can speak for this patient in the story, or null when someone can (the patient, a parent, or a companion the story names). */
export const nobodyToSpeak = (p: PatientProfile, narrative: string): Ineligible | null =>
  noNarrator(p) ?? (p.speaker === 'companion' && !SOMEONE_WITH.test(narrative) ? NOBODY_WITH : null);

export const isIneligible = (o: ProbeOutput | Ineligible): o is Ineligible => 'ineligible' in o;

/**
 * A narrative stress probe: a pure, deterministic function of the input and
 * the seed. It must leave the medical facts unchanged.
 */
export interface Probe {
  name: string;
  /** Raised whenever the probe's output for the same input changes; recorded in variant sets. Default 1. */
  version?: number;
  description: string;
  /**
   * The dose levels the probe defines, ascending, 1 first (DEFAULT_DOSES in dose.ts); absent when it has no dose.
   * Dose 1 is the probe as a single dose; a higher dose keeps everything a lower one added, from the same seed.
   */
  doses?: readonly number[];
  /** `dose` is one of `doses` (1 when absent). */
  apply(input: ProbeInput, seed: number, dose?: number): ProbeOutput | Ineligible;
}
