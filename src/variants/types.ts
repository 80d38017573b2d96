import type { Attribute } from '../cases/types.js';
import type { PatientProfile } from '../probes/profile.js';

/** `clean`, `retest#k` asks again, `critical` changes the decisive fact, else a probe name. */
export type Condition = string;

/** The attributes a counterfactual changes, in the order configs and reports list them. Names are stable. */
export const COUNTERFACTUAL_NAMES = ['sex', 'race_ethnicity', 'ses'] as const satisfies readonly Exclude<Attribute, 'age'>[];

export interface Counterfactual {
  attribute: (typeof COUNTERFACTUAL_NAMES)[number];
  value: string;
}

/**
 * The value of a neutral-edit variant that is not itself a group: the case's
 * own text with a demographically empty edit (slotted cases, free-text SES).
 */
export const NEUTRAL_VALUE = 'neutral';

/** The value that states no group: set against the named values as the mention effect, never a group of the group test. */
export const UNSTATED_VALUE: Readonly<Record<string, string>> = { race_ethnicity: 'unspecified' };

/** What produced a variant and what it changed, so reports can show a diff. */
export interface Provenance {
  /** The probe's own record of its changes (inserted sentences, moved sentence, anchor target...). */
  probe?: { name: string; changes: unknown /** Above 1 only: the dose the probe was applied at. */; dose?: number };
  counterfactual?: Counterfactual;
  /** The case's own value of the counterfactual attribute (null when it states none): its clean prompt is that group's. */
  counterfactualBaseline?: string | null;
  critical?: { from: string; to: string };
  /**
   * A demographically empty edit of the case's own text, made where the counterfactual edits are: its answer against the clean answer is the edit
   * sensitivity.
   */
  neutralEdit?: true;
  /** For retest variants: which identical ask this is (1..k). */
  retest?: number;
  /** Who the patient is, as the probe read it from its input text. */
  profile?: PatientProfile;
  /** Checker lints the variant failed; present only when it was sent anyway (--allow-defective). */
  defects?: string[];
  /**
   * An LLM retelling of the probe's input (src/variants/retell/): when accepted
   * the narrative is the retelling; otherwise the rule-based one is kept.
   */
  retell?: {
    rewriter: string;
    judge: string;
    /** Retellings asked for (1 .. k + 1). */
    attempts: number;
    accepted: boolean;
    /** The reason codes of each rejected attempt, in attempt order. */
    reasons: string[][];
    /** Rewriter and judge calls behind this variant, with their tokens. */
    usage: { calls: number; inputTokens: number; outputTokens: number };
    /** A call failed after its retries (or its model's circuit was open): rule-based for this run, tried again next run. */
    failed?: true;
  };
}

/** One prompt the audit sends: a case told one way. */
export interface Variant {
  /** Stable across runs: `caseId|condition|attribute=value`. */
  id: string;
  caseId: string;
  condition: Condition;
  counterfactual: Counterfactual | null;
  narrative: string;
  question: string;
  /** Letter → option text, in display order. */
  options: Record<string, string>;
  /** The gold letter in this variant. */
  answer: string;
  provenance: Provenance;
}

export function variantId(caseId: string, condition: Condition, cf: Counterfactual | null): string {
  return cf ? `${caseId}|${condition}|${cf.attribute}=${cf.value}` : `${caseId}|${condition}`;
}

/** Retest conditions are `retest` in outputs; the ask number lives in provenance. */
export function conditionGroup(condition: Condition): string {
  return condition.startsWith('retest') ? 'retest' : condition;
}

/** What scoring needs of a variant: its answer key, without the texts. */
export interface VariantKey extends Pick<Variant, 'id' | 'caseId' | 'condition' | 'counterfactual' | 'options' | 'answer'> {
  /** The case's own value of the counterfactual attribute, for counterfactual variants. */
  counterfactualBaseline: string | null;
  /** Checker lints of a variant sent anyway (--allow-defective); empty otherwise. */
  defects: string[];
  /** The neutral-edit variant of its attribute. */
  neutralEdit: boolean;
}
