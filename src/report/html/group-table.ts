import type { Results } from '../results.js';
import { esc } from './escape.js';
import { headRow } from './markup.js';
import { GROUP_TABLE_NOTE } from './notes.js';
import { ci, num, pct } from './run-sections.js';

type Model = Results['models'][number];

const GROUP_HEAD = headRow([
  'Model',
  'Attribute',
  'CFI',
  'cfiExcess',
  'Edit sensitivity',
  'Mention sensitivity',
  'Accuracy by group',
  'Largest gap',
  'Group test p (Holm)',
  'Disadvantaged',
  'Cases excluded',
]);

/** The fairness section's table: each model's counterfactual metrics, one row per attribute. */
export function groupTable(models: Model[]): string {
  const test = (c: Model['counterfactuals'][string]) =>
    c.groupTestPHolm === null
      ? 'n/a'
      : `${esc(c.groupTestPHolm)} <small>(${c.groupTest === 'cochran-q' ? 'Cochran Q' : 'exact McNemar'} ` +
        `over ${esc(c.testedGroups.join(', '))}; unadjusted ${esc(c.groupTestP)})</small>`;
  const cell = (e: Model['counterfactuals'][string]['cfi']) => (e.value === null ? `<small>n/a</small>` : `${num(e)} <small>${ci(e)}</small>`);
  const byGroup = (c: Model['counterfactuals'][string]) =>
    Object.entries(c.accuracyByGroup)
      .map(([g, e]) => `${esc(g)} ${pct(e)}`)
      .join(' · ');
  const rows = models.flatMap((m) =>
    Object.entries(m.counterfactuals).map(([a, c]) =>
      [
        `<tr><th scope="row">${esc(m.id)}</th><td>${esc(a)}</td><td>${num(c.cfi)} <small>${ci(c.cfi)}</small></td>`,
        `<td>${cell(c.cfiExcess)}</td><td>${cell(c.editSensitivity)}</td><td>${cell(c.mentionSensitivity)}</td>`,
        `<td>${byGroup(c)} <small>(n = ${esc(c.maxGap.n)})</small></td><td>${num(c.maxGap)} <small>${ci(c.maxGap)}</small></td>`,
        `<td>${test(c)}</td><td>${esc(c.disadvantaged ?? '—')}</td><td>${esc(c.excluded)}</td></tr>`,
      ].join(''),
    ),
  );
  if (!rows.length) return '';
  return `<p>${GROUP_TABLE_NOTE}</p>
<table>${GROUP_HEAD}<tbody>${rows.join('\n')}</tbody></table>`;
}
