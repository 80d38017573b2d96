import type { Case } from '../cases/types.js';
import type { Exclusion, ProbeExclusion, VariantSet } from './build.js';
import { checkVariants, type CheckReport } from './check/check.js';
import { conditionGroup, type Variant } from './types.js';

/** What the checker found, as stored with the run and reported. */
export interface ScreenSummary {
  /** Defective variants were sent anyway (and marked), rather than left out. */
  allowDefective: boolean;
  checked: number;
  byCondition: CheckReport['byCondition'];
  /** Up to three examples per lint, for the report. */
  examples: Record<string, { variantId: string; message: string; excerpt: string }[]>;
}

/**
 * Runs the variant checker over a built set. By default a defective probe
 * variant is left out and counted; a defective counterfactual variant takes the
 * case out of that attribute (with its double-stress variants), since a group
 * comparison needs every group. With `allowDefective` nothing is left out and
 * each defective variant carries its lints in provenance.
 */
export function screenVariants(
  cases: readonly Case[],
  set: VariantSet,
  allowDefective: boolean,
): { set: VariantSet; summary: ScreenSummary; report: CheckReport } {
  const report = checkVariants(cases, set.variants);
  const examples: ScreenSummary['examples'] = {};
  for (const v of report.defective) {
    for (const d of v.defects) {
      const list = (examples[d.lint] ??= []);
      if (list.length < 3) list.push({ variantId: v.variantId, message: d.message, excerpt: d.excerpt });
    }
  }
  const summary: ScreenSummary = { allowDefective, checked: report.checked, byCondition: report.byCondition, examples };
  if (!report.defective.length) return { set, summary, report };
  const lintsOf = new Map(report.defective.map((v) => [v.variantId, [...new Set(v.defects.map((d) => d.lint))]]));
  if (allowDefective) {
    const variants = set.variants.map((v) => (lintsOf.has(v.id) ? { ...v, provenance: { ...v.provenance, defects: lintsOf.get(v.id)! } } : v));
    return { set: { ...set, variants }, summary, report };
  }
  // A defective counterfactual base drops the case from that attribute.
  const droppedAttr = new Map<string, string[]>();
  for (const v of set.variants) {
    if (v.counterfactual && v.condition === 'clean' && lintsOf.has(v.id)) droppedAttr.set(`${v.caseId}|${v.counterfactual.attribute}`, lintsOf.get(v.id)!);
  }
  const exclusions: Exclusion[] = [...set.exclusions];
  for (const [key, lints] of droppedAttr) {
    const [caseId, attribute] = key.split('|');
    exclusions.push({ caseId, attribute: attribute as Exclusion['attribute'], reason: 'defective', detail: lints.join(', ') });
  }
  const probeExclusions: ProbeExclusion[] = [...set.probeExclusions];
  const variants: Variant[] = [];
  for (const v of set.variants) {
    if (v.counterfactual && droppedAttr.has(`${v.caseId}|${v.counterfactual.attribute}`)) continue;
    const lints = lintsOf.get(v.id);
    if (!lints) {
      variants.push(v);
      continue;
    }
    probeExclusions.push({
      caseId: v.caseId,
      probe: conditionGroup(v.condition),
      counterfactual: v.counterfactual,
      reason: 'defective',
      detail: lints.join(', '),
    });
  }
  return { set: { variants, exclusions, probeExclusions }, summary, report };
}
