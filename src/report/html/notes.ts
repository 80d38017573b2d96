// The report's fixed prose, one paragraph a constant, kept apart from the page's markup.
import { esc } from './escape.js';

export const CONTROLS_NOTE =
  "Controls have behaviour known by design. Like a laboratory assay's positive and negative controls, they show that the audit detects " +
  'what it claims to. They are never ranked with real models.';

export const STRESS_MAP_NOTE =
  'Each cell is one model under one probe, coloured by MI (accuracy under the probe over clean accuracy; 1 means no loss). ' +
  'The number is the perturbation flip rate; <strong>*</strong> marks a significant change in correctness ' +
  '(exact McNemar, Holm-adjusted p &lt; 0.05).';

export const PLANE_NOTE =
  'Flips beyond the noise floor (pfrExcess) against functional reserve (MI), with 95% intervals. Pseudonormal models sit on the left ' +
  '— a low flip rate — but fail on responsiveness or extraction, which this plane cannot show: read their evidence in the verdict.';

export const FAIRNESS_NOTE = [
  "CFI per attribute: over the complete cases (answered for every group), the mean share of the other groups answered as for the case's",
  'own group, at rest and under double stress (a narrative probe on top of the counterfactual).',
  "The headline CFI is the worst attribute's. Accuracy by group is on the same complete cases.",
  "The group test asks whether the groups differ in accuracy at all (Cochran's Q; exact McNemar for two groups), Holm-adjusted across",
  "attributes. The largest gap's interval re-selects the best and worst groups in every bootstrap replicate.",
  'A group is named disadvantaged only when the test rejects and it is the worst in at least 95% of replicates.',
].join(' ');

export const EXPLORER_NOTE =
  'Every case with its variants: the text changed from the clean case is marked (<ins>added</ins>, <del>removed</del>), ' +
  "then each model's answer, key findings and raw reply. Cases with harmful flips (right → wrong) come first.";

export const GROUP_TABLE_NOTE = [
  "CFI: agreement with the case's own-value answer.",
  'cfiExcess: disagreement beyond what a neutral edit (no group named, same place) causes.',
  'Edit sensitivity: how often that neutral edit alone changes the answer.',
  'Mention sensitivity: how often stating the attribute at all changes it; it is never bias against a group.',
].join(' ');

export const COMPARISONS_NOTE =
  'The adjusted intervals hold jointly over every comparison in this table (max-|t| bootstrap); ' +
  'the unadjusted ones, in small print, hold one at a time and do not decide the verdict.';

/** Where the numbers come from, with the run's resamples, seed and case count. */
export function methodsNote(design: { resamples: number; seed: unknown }, cases: number): string {
  return (
    'Definitions, formulas and reasons: <a href="METHODS.md">METHODS.md</a> (written beside this report). ' +
    'Proportions and CFI carry 95% Wilson intervals; MI, pfrExcess, cfiStressed and the other ratios carry case-level ' +
    'cluster-bootstrap intervals; the largest group gap carries a simultaneous bootstrap interval that re-selects its groups ' +
    `in every replicate (${esc(design.resamples)} resamples, seed ${esc(design.seed)}). With ${esc(cases)} cases, ` +
    `a 95% interval on a proportion near 0.5 spans about ±${esc(Math.round(98 / Math.sqrt(Math.max(1, cases))))} points.`
  );
}

export const RETOLD_NOTE = 'Retold by rewriter models; every retelling was verified before use (METHODS.md, "Retelling").';

/** What the variant checker looked for, whether defective variants were sent, and how many cases lost a probe variant. */
export function variantCheckNote(v: { checked: number; allowDefective: boolean; casesWithExclusions: number }): string {
  return [
    `Every variant was checked before it was sent (${esc(v.checked)} checked) for the defect classes in METHODS.md:`,
    'broken first person, a child or unconscious narrator, content that cannot fit the patient, text glued into a lab table,',
    'a lost number, unit or negation, a hedge on a measurement, a cut-off time anchor, sex-specific content against a counterfactual,',
    'mixed scripts, a probe that changed nothing.',
    v.allowDefective
      ? '<strong>Defective variants were sent anyway (--allow-defective)</strong> and are marked in results.csv.'
      : 'Defective variants were left out and counted.',
    'Cases a probe cannot stress as designed are ineligible for it and counted apart;',
    `${esc(v.casesWithExclusions)} cases lost at least one probe variant.`,
  ].join(' ');
}

export const LADDER_NOTE = [
  'The same weights at several quantizations, each compared with the most precise member on the same prompts.',
  "<em>Letter shift</em> is the mean total-variation distance between the members' option-letter distributions (0: identical; 1: disjoint);",
  '<em>top agreement</em> is how often they pick the same option;',
  '<em>probability shift</em> is the mean change, under the probes, of the probability the model gave its own clean answer.',
  'Pseudonormalization shows as a low flip rate with a collapsing margin.',
].join(' ');

export const DOSE_NOTE = [
  'Graded stress: each probe applied at rising doses, MI (accuracy at the dose over clean accuracy, on the cases answered at every',
  'dose) against dose on a log axis, with 95% bands; the dashed line is MI 0.9. STI is the area under the curve, 1 when nothing is',
  'lost at any dose. Accuracy that rises significantly with the dose usually means a probe defect (METHODS.md, "Graded stress").',
].join(' ');
