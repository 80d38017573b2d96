import { METRICS } from '../../metrics/definitions/index.js';
import type { Results } from '../results.js';
import { esc } from './escape.js';

type Model = Results['models'][number];

const cell = (e: Model['metrics'][keyof Model['metrics']] | undefined) => {
  if (!e || e.value === null) return `<td title="${esc(e?.reason ?? 'not computed')}"><small>n/a</small></td>`;
  const interval = e.ci95 ? ` <small>[${e.ci95.map((x) => x.toFixed(3)).join(', ')}]</small>` : '';
  return `<td>${esc(e.value.toFixed(3))}${interval}</td>`;
};

/** Every headline metric in the registry, with its definition: a metric added to metrics/definitions/ appears here without a change to the page. */
export function metricTableSection(models: readonly Model[]): string {
  if (!models.length) return '';
  const head = models.map((m) => `<th scope="col">${esc(m.id)}${m.control ? ' <small>(control)</small>' : ''}</th>`).join('');
  const rows = METRICS.map((d) => {
    // The reason a metric is no gate is in its doc; the mark only flags it.
    const gate = d.gateable ? '' : ' <small>(not a --fail-on gate)</small>';
    return (
      `<tr><th scope="row"><code>${esc(d.name)}</code><br><small>${esc(d.doc)}</small>${gate}</th>` +
      `${models.map((m) => cell(m.metrics[d.name])).join('')}</tr>`
    );
  });
  return (
    `<section id="metrics">
  <h2>Every metric</h2>
  <p>Each headline metric of results.json, with its definition, value and 95% interval per model. Any of them ` +
    `can be a <code>--fail-on</code> gate unless marked.</p>
  <div class="wide"><table class="metrics"><thead><tr><th scope="col">Metric</th>${head}</tr></thead><tbody>
${rows.join('\n')}
</tbody></table></div>
</section>`
  );
}
