import type { Estimate } from '../../metrics/wilson.js';
import { VARIANT_CHECK_HEADER, variantCheckRows } from '../variant-check.js';
import { RETELL_HEADER, REVIEW_HEADER, retellRows, reviewRows, variantSetSentence } from '../variant-set.js';
import type { Results } from '../results.js';
import { esc } from './escape.js';

// The report's sections about the run rather than the models: the variant set, the checker, the quantization ladder.

export const pct = (e: Estimate) => (e.value === null ? 'n/a' : `${(e.value * 100).toFixed(1)}%`);
export const num = (e: Estimate, d = 2) => (e.value === null ? 'n/a' : e.value.toFixed(d));
export const ci = (e: Estimate, d = 2, asPct = false) =>
  e.ci95 ? `[${e.ci95.map((x) => (asPct ? `${(x * 100).toFixed(1)}%` : x.toFixed(d))).join(', ')}]` : '';

export function variantSetSection(results: Results): string {
  const v = results.variantSet;
  if (!v) return '';
  const rows = reviewRows(v);
  return `<section id="variant-set"><h2>Variant set</h2>
<p>${esc(variantSetSentence(v))}</p>
${
  rows.length
    ? `<table><thead><tr>${REVIEW_HEADER.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead><tbody>
${rows.map(([p, ...r]) => `<tr><th scope="row">${esc(p)}</th>${r.map((x) => `<td>${esc(x)}</td>`).join('')}</tr>`).join('\n')}
</tbody></table>`
    : ''
}
${
  v.retell.length
    ? `<p>Retold by rewriter models; every retelling was verified before use (METHODS.md, "Retelling").</p><table><thead><tr>${RETELL_HEADER.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead><tbody>
${retellRows(v)
  .map(([p, ...r]) => `<tr><th scope="row">${esc(p)}</th>${r.map((x) => `<td>${esc(x)}</td>`).join('')}</tr>`)
  .join('\n')}
</tbody></table>`
    : ''
}</section>`;
}

export function variantCheckSection(results: Results): string {
  const v = results.variantCheck;
  if (!v) return '';
  return `<section id="variant-check"><h2>Variant check</h2>
<p>Every variant was checked before it was sent (${esc(v.checked)} checked) for the defect classes in METHODS.md: broken first person, a child or unconscious narrator, content that cannot fit the patient, text glued into a lab table, a lost number, unit or negation, a hedge on a measurement, a cut-off time anchor, sex-specific content against a counterfactual, mixed scripts, a probe that changed nothing. ${v.allowDefective ? '<strong>Defective variants were sent anyway (--allow-defective)</strong> and are marked in results.csv.' : 'Defective variants were left out and counted.'} Cases a probe cannot stress as designed are ineligible for it and counted apart; ${esc(v.casesWithExclusions)} cases lost at least one probe variant.</p>
<table><thead><tr>${VARIANT_CHECK_HEADER.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead><tbody>
${variantCheckRows(v)
  .map(([p, ...r]) => `<tr><th scope="row">${esc(p)}</th>${r.map((x) => `<td>${esc(x)}</td>`).join('')}</tr>`)
  .join('\n')}
</tbody></table></section>`;
}

export function ladderSection(results: Results): string {
  if (!results.ladders.length) return '';
  return `<section id="ladder"><h2>Quantization ladder</h2>
<p>The same weights at several quantizations, each compared with the most precise member on the same prompts. <em>Letter shift</em> is the mean total-variation distance between the members' option-letter distributions (0: identical; 1: disjoint); <em>top agreement</em> is how often they pick the same option; <em>probability shift</em> is the mean change, under the probes, of the probability the model gave its own clean answer. Pseudonormalization shows as a low flip rate with a collapsing margin.</p>
${results.ladders
  .map(
    (
      l,
    ) => `<h3>${esc(l.family)}</h3><table><thead><tr><th scope="col">Model</th><th scope="col">Quantization</th><th scope="col">Accuracy clean → stressed</th><th scope="col">PFR</th><th scope="col">MI</th><th scope="col">Probability shift under stress</th><th scope="col">Letter shift vs reference</th><th scope="col">Top agreement</th></tr></thead><tbody>
${l.members.map((m) => `<tr><th scope="row">${esc(m.model)}${m.reference ? ' <small>(reference)</small>' : ''}</th><td>${esc(m.quantization ?? 'unknown')}</td><td>${pct(m.accuracyClean)} → ${pct(m.accuracyStressed)}</td><td>${pct(m.pfr)}</td><td>${num(m.mi)}</td><td>${num(m.probShift, 4)} <small>${ci(m.probShift, 4)}</small></td><td>${num(m.letterShift, 4)} <small>${ci(m.letterShift, 4)}</small></td><td>${pct(m.topAgreement)}</td></tr>`).join('\n')}
</tbody></table>`,
  )
  .join('\n')}
</section>`;
}
