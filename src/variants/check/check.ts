import type { Case } from '../../cases/types.js';
import { patientProfile, type PatientProfile } from '../../probes/profile.js';
import { variantId, type Counterfactual, type Variant } from '../types.js';
import { listLints } from './registry.js';
import { isCounterfactualClean, isReference } from './scope.js';
import type { Defect } from './types.js';

export interface VariantCheck {
  variantId: string;
  caseId: string;
  condition: string;
  counterfactual: Counterfactual | null;
  defects: Defect[];
}

export interface CheckReport {
  checked: number;
  /** per condition group (probe name, 'clean' for counterfactual-only variants, …) */
  byCondition: Record<string, { checked: number; defective: number; byLint: Record<string, number> }>;
  /** Only variants with at least one defect, in variant order. */
  defective: VariantCheck[];
}

/**
 * Checks every probe variant against its base (the clean text it was made
 * from: the case's, or its counterfactual's) and every counterfactual clean
 * text against the case's clean text. Clean, retest and critical variants are
 * the reference and are not checked.
 */
export function checkVariants(cases: readonly Case[], variants: readonly Variant[]): CheckReport {
  const caseById = new Map(cases.map((c) => [c.id, c]));
  const byId = new Map(variants.map((v) => [v.id, v]));
  const profiles = new Map<string, PatientProfile>();
  const lints = listLints();
  const report: CheckReport = { checked: 0, byCondition: {}, defective: [] };
  for (const v of variants) {
    const cfClean = isCounterfactualClean(v);
    if (isReference(v) && !cfClean) continue;
    const c = caseById.get(v.caseId);
    if (!c) throw new Error(`variant ${v.id}: no case "${v.caseId}" among the cases given`);
    const baseId = variantId(v.caseId, 'clean', cfClean ? null : v.counterfactual);
    const base = byId.get(baseId);
    if (!base) throw new Error(`variant ${v.id}: its base ${baseId} is not among the variants`);
    let profile = profiles.get(baseId);
    if (!profile) profiles.set(baseId, (profile = patientProfile(c, base.narrative)));
    const input = { case: c, variant: v, base, profile };
    const defects = lints.filter((l) => l.applies(v)).flatMap((l) => l.check(input));

    const group = (report.byCondition[v.condition] ??= { checked: 0, defective: 0, byLint: {} });
    report.checked++;
    group.checked++;
    if (!defects.length) continue;
    group.defective++;
    for (const lint of new Set(defects.map((d) => d.lint))) group.byLint[lint] = (group.byLint[lint] ?? 0) + 1;
    report.defective.push({ variantId: v.id, caseId: v.caseId, condition: v.condition, counterfactual: v.counterfactual, defects });
  }
  return report;
}
