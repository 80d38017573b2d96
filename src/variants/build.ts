import { renderSlots } from '../cases/slots.js';
import type { Case } from '../cases/types.js';
import { ATTRIBUTE_VALUES, counterfactualEligibility, renderCounterfactual, type CounterfactualAttribute, type ExclusionReason } from './counterfactuals.js';
import type { Probe } from '../probes/types.js';
import { variantId, type Counterfactual, type Variant } from './types.js';

export interface VariantOptions {
  probes: readonly Probe[];
  counterfactuals: readonly CounterfactualAttribute[];
  doubleStress: boolean;
  /** Extra identical asks of each clean prompt (the noise floor). */
  retest: number;
  seed: number;
}

export interface Exclusion {
  caseId: string;
  attribute: CounterfactualAttribute;
  reason: ExclusionReason;
  detail?: string;
}

export interface VariantSet {
  variants: Variant[];
  exclusions: Exclusion[];
}

/**
 * Every prompt the audit sends, in a stable order: per case, clean, retests,
 * critical, probes, then counterfactual values (with probes on top under
 * double stress). A counterfactual value equal to the case's own is the clean
 * variant itself and is not repeated.
 */
export function buildVariants(cases: readonly Case[], opts: VariantOptions): VariantSet {
  const variants: Variant[] = [];
  const exclusions: Exclusion[] = [];
  for (const c of cases) {
    const clean = cleanVariant(c);
    variants.push(clean);
    for (let k = 1; k <= opts.retest; k++) {
      variants.push({ ...clean, id: variantId(c.id, `retest#${k}`, null), condition: `retest#${k}`, provenance: { retest: k } });
    }
    if (c.criticalVariant) variants.push(criticalVariant(c, clean));
    for (const probe of opts.probes) variants.push(applyProbe(probe, c, clean, opts.seed));
    for (const attribute of opts.counterfactuals) {
      const elig = counterfactualEligibility(c, attribute);
      if (!elig.eligible) {
        exclusions.push({ caseId: c.id, attribute, reason: elig.reason, ...(elig.detail ? { detail: elig.detail } : {}) });
        continue;
      }
      for (const value of ATTRIBUTE_VALUES[attribute]) {
        if (value === elig.baseline) continue;
        const cf: Counterfactual = { attribute, value };
        const text = renderCounterfactual(c, cf, elig.mode);
        const base: Variant = { ...clean, ...text, id: variantId(c.id, 'clean', cf), counterfactual: cf, provenance: { counterfactual: cf, counterfactualBaseline: elig.baseline } };
        variants.push(base);
        if (opts.doubleStress) for (const probe of opts.probes) variants.push(applyProbe(probe, c, base, opts.seed));
      }
    }
  }
  return { variants, exclusions };
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

function applyProbe(probe: Probe, c: Case, base: Variant, seed: number): Variant {
  const out = probe.apply({ case: c, narrative: base.narrative, question: base.question, options: base.options, answer: base.answer }, seed);
  return {
    id: variantId(c.id, probe.name, base.counterfactual),
    caseId: c.id,
    condition: probe.name,
    counterfactual: base.counterfactual,
    narrative: out.narrative,
    question: out.question,
    options: out.options,
    answer: out.answer,
    provenance: { ...base.provenance, probe: { name: probe.name, changes: out.changes } },
  };
}
