import { getControl } from '../../models/controls/behaviours.js';
import type { Results } from '../results.js';
import { PHENOTYPE_COLOURS } from './charts.js';
import { esc } from './escape.js';
import { headRow } from './markup.js';
import { COMPARISONS_NOTE } from './notes.js';
import { ci, num, pct } from './run-sections.js';

// The report's verdict: the real models' table, the pairwise comparisons and the assay controls.

type Model = Results['models'][number];

export function badge(m: Model): string {
  const colour = PHENOTYPE_COLOURS[m.phenotype.label] ?? '#999';
  const support =
    typeof m.phenotype.support === 'number'
      ? ` <small title="share of bootstrap replicates giving the same label">support ${esc(m.phenotype.support.toFixed(2))}</small>`
      : '';
  return `<span class="badge" style="--c:${colour}">${esc(m.phenotype.label)}</span>${m.phenotype.flags
    .filter((f) => f !== m.phenotype.label)
    .map((f) => ` <span class="badge flag" style="--c:${PHENOTYPE_COLOURS[f] ?? '#999'}">+${esc(f)}</span>`)
    .join('')}${support}`;
}

const HEAD = ['Model', 'Phenotype', 'MI', 'PFR (excess over noise floor)', 'CFI (worst attribute)', 'Accuracy clean → stressed', 'Evidence'];
/** Graded stress only: the pooled stress-tolerance index and the curve's shape, beside MI. */
const stiCell = (m: Model) => {
  const d = m.doseResponse;
  return d ? `<td>${num(d.sti)} <small>${ci(d.sti)}</small><br><small>${esc(d.shape.label)}</small></td>` : '<td>n/a</td>';
};

export function verdictTable(models: Model[]): string {
  const dosed = models.some((m) => m.doseResponse);
  const row = (m: Model) => {
    const x = m.metrics;
    return [
      `<tr><th scope="row">${esc(m.id)}</th><td>${badge(m)}</td>`,
      `<td>${num(x.mi)} <small>${ci(x.mi)}</small></td>`,
      dosed ? stiCell(m) : '',
      `<td>${pct(x.pfr)} (${num(x.pfrExcess)} <small>${ci(x.pfrExcess)}</small>)</td>`,
      `<td>${num(x.cfi)}${x.cfi.attribute ? ` (${esc(x.cfi.attribute)})` : ''} <small>${ci(x.cfi)}</small></td>`,
      `<td>${pct(x.accuracyClean)} → ${pct(x.accuracyStressed)}</td>`,
      `<td class="evidence">${esc(m.phenotype.evidence.join(' '))}</td></tr>`,
    ].join('');
  };
  const head = headRow(dosed ? [...HEAD.slice(0, 3), 'STI (dose shape)', ...HEAD.slice(3)] : HEAD);
  return `<table class="verdict">${head}<tbody>
${models.map(row).join('\n')}
</tbody></table>`;
}

const CONTROL_HEAD = headRow(['Control', 'Expected', 'Found', 'Assay', 'Evidence']);

export function controlTable(models: Model[]): string {
  if (!models.length) return '<p>No controls in this run.</p>';
  const row = (m: Model) => {
    const ok = controlPassed(m);
    const def = m.control ? getControl(m.model) : undefined;
    const want = def ? `${def.expected.join(' or ')}${def.expectedShape && m.doseResponse ? `, ${def.expectedShape} under graded stress` : ''}` : 'n/a';
    const found = `${badge(m)}${m.doseResponse ? ` <small>${esc(m.doseResponse.shape.label)}</small>` : ''}`;
    return [
      `<tr><th scope="row">${esc(m.id)}</th><td>${esc(want)}</td><td>${found}</td>`,
      `<td class="${ok ? 'pass' : 'fail'}">${ok === null ? 'n/a' : ok ? 'passed' : 'FAILED'}</td>`,
      `<td class="evidence">${esc(m.phenotype.evidence.join(' '))}</td></tr>`,
    ].join('');
  };
  return `<table class="verdict">${CONTROL_HEAD}<tbody>
${models.map(row).join('\n')}
</tbody></table>`;
}

/**
 * A control passes when its label is one it is built to show, and, under graded stress, when its curve bends as designed:
 * the shape it names, else no `fatigable` bend (a control built flat must not fall late). Null for a model that is no control.
 */
export function controlPassed(m: Model): boolean | null {
  const def = m.control ? getControl(m.model) : undefined;
  if (!def) return null;
  if (!def.expected.includes(m.phenotype.label)) return false;
  const shape = m.doseResponse?.shape.label;
  if (!shape) return true;
  return def.expectedShape ? shape === def.expectedShape : shape !== 'fatigable';
}

export function comparisons(results: Results): string {
  if (!results.comparisons.length) return '';
  const ranked = results.comparisons.filter((c) => c.verdict !== 'cannot tell apart');
  const adjustedFor = esc(results.comparisons[0].adjustedFor);
  const interval = (ci: [number, number] | null) => (ci ? esc(`[${ci[0].toFixed(3)}, ${ci[1].toFixed(3)}]`) : 'n/a');
  const rows = results.comparisons
    .map((c) =>
      [
        `<tr><td>${esc(c.a)} − ${esc(c.b)}</td><td>${esc(c.metric)}</td><td>${c.diff === null ? 'n/a' : c.diff.toFixed(3)}</td>`,
        `<td>${interval(c.ci95Adjusted)} <small>(unadjusted ${interval(c.ci95)})</small></td><td>${esc(c.verdict)}</td></tr>`,
      ].join(''),
    )
    .join('\n');
  const verdict = ranked.length
    ? [
        'Paired differences on the same cases; a model ranks above another only where the 95% interval,',
        `adjusted for ${adjustedFor} comparisons, excludes 0.`,
      ].join(' ')
    : `No paired 95% interval, adjusted for ${adjustedFor} comparisons, excludes 0: these cases cannot tell the models apart.`;
  const head = headRow(['Pair', 'Metric', 'Difference', `95% CI, adjusted for ${adjustedFor} comparisons`, 'Verdict']);
  return `<h3>Model comparisons</h3><p>${verdict} ${COMPARISONS_NOTE}</p>
<table>${head}<tbody>${rows}</tbody></table>`;
}
