export const SEX_VALUES = ['male', 'female'] as const;
export const RACE_VALUES = ['unspecified', 'white', 'black', 'hispanic', 'asian', 'american_indian'] as const;
export const SES_VALUES = ['low', 'high'] as const;

export type Sex = (typeof SEX_VALUES)[number];
export type RaceEthnicity = (typeof RACE_VALUES)[number];
export type Ses = (typeof SES_VALUES)[number];

export interface Demographics {
  age?: number;
  sex?: Sex;
  race_ethnicity?: RaceEthnicity;
  ses?: Ses;
}

export interface CriticalVariant {
  replace: { from: string; to: string };
  /** The gold letter once the fact is changed. */
  answer: string;
}

export type Attribute = 'sex' | 'age' | 'race_ethnicity' | 'ses';

/** A clinical case after loading, in the project's own (`masld`) shape. */
export interface Case {
  id: string;
  specialty: string;
  topic?: string;
  questionType?: string;
  /** May hold demographic slots (`{{sex:man|woman}}`); imported cases hold none. */
  vignette: string;
  question: string;
  /** Letter → option text, letters in order from A. */
  options: Record<string, string>;
  answer: string;
  demographics?: Demographics;
  keyFacts?: string[];
  redFlag?: string;
  rationale?: string;
  attributeRelevance?: Partial<Record<Attribute, boolean>>;
  criticalVariant?: CriticalVariant;
  reviewed?: boolean;
  reviewNote?: string;
  /** Computed indices the case states or relies on, recomputed by `masld cases validate` (src/cases/indices/). */
  indices?: DeclaredIndex[];
  /** Where the case came from, for error messages and provenance. */
  source: { file: string; line: number; format: CaseFormat };
}

export interface DeclaredIndex {
  name: string;
  inputs: Record<string, number | boolean>;
  value: number;
  /** The text the inputs are read from: the rendered vignette (default) or its critical variant. */
  in?: 'base' | 'variant';
}

export type CaseFormat = 'masld' | 'medqa' | 'mmlu-csv';

/** Loaded cases, where they came from, and the records skipped or warned about. */
export interface CaseSet {
  cases: Case[];
  /** A path, or `builtin` for the shipped bank. */
  source: string;
  format: CaseFormat | 'mixed';
  /** sha256 over the canonical JSON of the loaded cases. */
  sha256: string;
  /** The built-in bank's version (data/cases/ERRATA.md) when the cases are the shipped bank. */
  bank?: string;
  skipped: { file: string; line: number; reason: string }[];
  /** Cases kept but worth a look: look-alike letters import normalisation could not map. */
  warnings?: { file: string; line: number; reason: string }[];
}
