import { CONDITION_COST_HEADER, COST_HEADER, conditionCostRows, costNote, costRows } from '../cost.js';
import type { Results } from '../results.js';
import { esc } from './escape.js';

const htmlTable = (header: string[], rows: string[][]) =>
  `<table><thead><tr>${header.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead><tbody>
${rows.map((r) => `<tr>${r.map((c, i) => (i === 0 ? `<th scope="row">${esc(c)}</th>` : `<td>${esc(c)}</td>`)).join('')}</tr>`).join('\n')}
</tbody></table>`;

/** The report's cost section: per model and mode, then per condition group. */
export function costSection(results: Results): string {
  if (!results.models.some((m) => !m.control)) return '';
  const byCondition = conditionCostRows(results.cost);
  return `<h3>Cost</h3>
<p>${esc(costNote(results.cost).replace(/`/g, ''))}</p>
${htmlTable(COST_HEADER, costRows(results))}
${byCondition.length ? htmlTable(CONDITION_COST_HEADER, byCondition) : ''}`;
}
