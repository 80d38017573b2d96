import { renderSlots } from '../cases/slots.js';
import type { Case } from '../cases/types.js';
import {
  ATTRIBUTE_VALUES,
  counterfactualEligibility,
  ownValueEdited,
  renderCounterfactual,
  renderNeutral,
  type CounterfactualAttribute,
  type Eligibility,
  type ExclusionReason,
} from './counterfactuals.js';
import { patientProfile } from '../probes/profile.js';
import { doseCondition } from '../probes/dose.js';
import { isIneligible, type Probe } from '../probes/types.js';
import { NEUTRAL_VALUE, variantId, type Counterfactual, type Variant } from './types.js';

/** What {@link buildVariants} applies to each case. */
export interface VariantOptions {
  probes: readonly Probe[];
  /** Per probe name, the doses to apply it at (clean cases only; double stress is at dose 1); absent means dose 1 alone. */
  doses?: Readonly<Record<string, readonly number[]>>;
  counterfactuals: readonly CounterfactualAttribute[];
  doubleStress: boolean;
  /** Extra identical asks of each clean prompt (the noise floor). */
  retest: number;
  seed: number;
}

export interface Exclusion {
  caseId: string;
  attribute: CounterfactualAttribute;
  /**
   * `defective`: the checker found a defect in one of the case's variants for this attribute; `rejected`: a clinician rejected one of its counterfactual
   * texts (`masld variants apply-review`).
   */
  reason: ExclusionReason | 'defective' | 'rejected';
  detail?: string;
}

/** A probe variant not sent: the case is ineligible for the probe, the variant failed the checker, or a clinician rejected it. */
export interface ProbeExclusion {
  caseId: string;
  probe: string;
  counterfactual: Counterfactual | null;
  reason: 'ineligible' | 'defective' | 'rejected';
  /** The probe's ineligibility reason, the checker's lints, or the reviewer's reason (and note). */
  detail: string;
}

/** Every prompt of an audit, and every case or probe variant left out with its reason. */
export interface VariantSet {
  variants: Variant[];
  /** Cases left out of a counterfactual. */
  exclusions: Exclusion[];
  /** Probe variants left out (ineligible here; defective ones are added by the checker stage). */
  probeExclusions: ProbeExclusion[];
}

/**
 * Every prompt the audit sends, in a stable order: per case, clean, retests,
 * critical, probes, then counterfactual values (with probes on top under
 * double stress), then the neutral edit. A slotted case's own value is the
 * clean variant itself and is not repeated; a free-text sex or race case sends
 * its own value as the neutral edit (counterfactuals.ts).
 *
 * @example
 * ```ts
 * import { buildVariants, listProbes, loadCases } from 'ai-masld';
 *
 * const { cases } = loadCases({ limit: 5 });
 * const set = buildVariants(cases, { probes: listProbes(), counterfactuals: ['sex'], doubleStress: false, retest: 1, seed: 7 });
 * console.log(`${set.variants.length} prompts; ${set.probeExclusions.length} probe variants left out, each with its reason`);
 * ```
 */
export function buildVariants(cases: readonly Case[], opts: VariantOptions): VariantSet {
  const variants: Variant[] = [];
  const exclusions: Exclusion[] = [];
  const probeExclusions: ProbeExclusion[] = [];
  const probe = (p: Probe, c: Case, base: Variant, dose = 1) => {
    const out = probeVariant(p, c, base, opts.seed, dose);
    if ('variant' in out) variants.push(out.variant);
    else
      probeExclusions.push({
        caseId: c.id,
        probe: doseCondition(p.name, dose),
        counterfactual: base.counterfactual,
        reason: 'ineligible',
        detail: out.ineligible,
      });
  };
  for (const c of cases) {
    const clean = cleanVariant(c);
    variants.push(clean);
    for (let k = 1; k <= opts.retest; k++) {
      variants.push({ ...clean, id: variantId(c.id, `retest#${k}`, null), condition: `retest#${k}`, provenance: { retest: k } });
    }
    if (c.criticalVariant) variants.push(criticalVariant(c, clean));
    for (const p of opts.probes) for (const dose of opts.doses?.[p.name] ?? [1]) probe(p, c, clean, dose);
    for (const attribute of opts.counterfactuals) {
      const elig = counterfactualEligibility(c, attribute);
      if (!elig.eligible) {
        exclusions.push({ caseId: c.id, attribute, reason: elig.reason, ...(elig.detail ? { detail: elig.detail } : {}) });
        continue;
      }
      // Free-text sex and race send the own value too, as the neutral edit; otherwise the clean prompt is the own value
      // and the neutral edit is its own variant.
      const ownEdited = ownValueEdited(elig.mode, elig.baseline);
      const values = ATTRIBUTE_VALUES[attribute].filter((value) => value !== elig.baseline || ownEdited);
      for (const value of ownEdited ? values : [...values, NEUTRAL_VALUE]) {
        const base = counterfactualBase(c, clean, { attribute, value }, elig);
        variants.push(base);
        if (opts.doubleStress) for (const p of opts.probes) probe(p, c, base);
      }
    }
  }
  return { variants, exclusions, probeExclusions };
}

/**
 * A case told with one counterfactual value, exactly as the audit sends it,
 * or why the case is left out of that attribute. The `neutral` value, and the
 * own value of a free-text sex or race case, are the neutral edit.
 */
export function counterfactualVariant(c: Case, cf: Counterfactual): { variant: Variant } | { excluded: ExclusionReason; detail?: string } {
  const elig = counterfactualEligibility(c, cf.attribute);
  if (!elig.eligible) return { excluded: elig.reason, ...(elig.detail ? { detail: elig.detail } : {}) };
  return { variant: counterfactualBase(c, cleanVariant(c), cf, elig) };
}

type Eligible = Extract<Eligibility, { eligible: true }>;

function counterfactualBase(c: Case, clean: Variant, cf: Counterfactual, elig: Eligible): Variant {
  const neutral = cf.value === NEUTRAL_VALUE;
  const { narrative, question } = neutral ? renderNeutral(c, cf.attribute, elig.mode) : renderCounterfactual(c, cf, elig.mode, elig.baseline);
  const neutralEdit = neutral || (cf.value === elig.baseline && ownValueEdited(elig.mode, elig.baseline));
  const provenance = { counterfactual: cf, counterfactualBaseline: elig.baseline, ...(neutralEdit ? { neutralEdit: true as const } : {}) };
  return { ...clean, narrative, question, id: variantId(c.id, 'clean', cf), counterfactual: cf, provenance };
}

export function cleanVariant(c: Case): Variant {
  const demo = c.demographics ?? {};
  return {
    id: variantId(c.id, 'clean', null),
    caseId: c.id,
    condition: 'clean',
    counterfactual: null,
    narrative: renderSlots(c.vignette, demo),
    question: renderSlots(c.question, demo),
    options: { ...c.options },
    answer: c.answer,
    provenance: {},
  };
}

function criticalVariant(c: Case, clean: Variant): Variant {
  const { from, to } = c.criticalVariant!.replace;
  return {
    ...clean,
    id: variantId(c.id, 'critical', null),
    condition: 'critical',
    narrative: clean.narrative.replace(from, to),
    answer: c.criticalVariant!.answer,
    provenance: { critical: { from, to } },
  };
}

/** One probe applied to a base variant (clean or counterfactual), with the patient profile read from its text. */
export function probeVariant(probe: Probe, c: Case, base: Variant, seed: number, dose = 1): { variant: Variant } | { ineligible: string } {
  // The profile is read from the text the probe is given, so a sex counterfactual has its own.
  const profile = patientProfile(c, base.narrative);
  const input = { case: c, narrative: base.narrative, question: base.question, options: base.options, answer: base.answer, profile };
  // Dose 1 is called as a single-dose probe always was, so a probe without doses sees no third argument.
  const out = dose === 1 ? probe.apply(input, seed) : probe.apply(input, seed, dose);
  if (isIneligible(out)) return { ineligible: out.detail ? `${out.ineligible}: ${out.detail}` : out.ineligible };
  return {
    variant: {
      id: variantId(c.id, doseCondition(probe.name, dose), base.counterfactual),
      caseId: c.id,
      condition: doseCondition(probe.name, dose),
      counterfactual: base.counterfactual,
      narrative: out.narrative,
      question: out.question,
      options: out.options,
      answer: out.answer,
      provenance: { ...base.provenance, probe: { name: probe.name, changes: out.changes, ...(dose === 1 ? {} : { dose }) }, profile },
    },
  };
}
