import type { Estimate } from '../../metrics/wilson.js';
import { VARIANT_CHECK_HEADER, variantCheckRows } from '../variant-check.js';
import { RETELL_HEADER, REVIEW_HEADER, retellRows, reviewRows, variantSetSentence } from '../variant-set.js';
import type { Results } from '../results.js';
import { esc } from './escape.js';
import { headRow } from './markup.js';
import { LADDER_NOTE, RETOLD_NOTE, variantCheckNote } from './notes.js';

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
    ? `<table>${headRow(REVIEW_HEADER.map(esc))}<tbody>
${rows.map(([p, ...r]) => `<tr><th scope="row">${esc(p)}</th>${r.map((x) => `<td>${esc(x)}</td>`).join('')}</tr>`).join('\n')}
</tbody></table>`
    : ''
}
${
  v.retell.length
    ? `<p>${RETOLD_NOTE}</p><table>${headRow(RETELL_HEADER.map(esc))}<tbody>
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
<p>${variantCheckNote(v)}</p>
<table>${headRow(VARIANT_CHECK_HEADER.map(esc))}<tbody>
${variantCheckRows(v)
  .map(([p, ...r]) => `<tr><th scope="row">${esc(p)}</th>${r.map((x) => `<td>${esc(x)}</td>`).join('')}</tr>`)
  .join('\n')}
</tbody></table></section>`;
}

const LADDER_HEAD = headRow([
  'Model',
  'Quantization',
  'Accuracy clean → stressed',
  'PFR',
  'MI',
  'Probability shift under stress',
  'Letter shift vs reference',
  'Top agreement',
]);

const ladderRow = (m: Results['ladders'][number]['members'][number]) =>
  [
    `<tr><th scope="row">${esc(m.model)}${m.reference ? ' <small>(reference)</small>' : ''}</th><td>${esc(m.quantization ?? 'unknown')}</td>`,
    `<td>${pct(m.accuracyClean)} → ${pct(m.accuracyStressed)}</td><td>${pct(m.pfr)}</td><td>${num(m.mi)}</td>`,
    `<td>${num(m.probShift, 4)} <small>${ci(m.probShift, 4)}</small></td><td>${num(m.letterShift, 4)} <small>${ci(m.letterShift, 4)}</small></td>`,
    `<td>${pct(m.topAgreement)}</td></tr>`,
  ].join('');

export function ladderSection(results: Results): string {
  if (!results.ladders.length) return '';
  return `<section id="ladder"><h2>Quantization ladder</h2>
<p>${LADDER_NOTE}</p>
${results.ladders
  .map(
    (l) => `<h3>${esc(l.family)}</h3><table>${LADDER_HEAD}<tbody>
${l.members.map(ladderRow).join('\n')}
</tbody></table>`,
  )
  .join('\n')}
</section>`;
}
