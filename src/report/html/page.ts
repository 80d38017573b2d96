import { costSection } from './cost-table.js';
import type { RunMeta } from '../../store/types.js';
import { type Results, thresholdsOf } from '../results.js';
import { doseResponseSpec, doseTable } from './dose-chart.js';
import { baselineStressSpec, fairnessSpec, phenotypePlaneSpec, stressMapSpec, toSvg } from './charts.js';
import { EXPLORER_JS } from './client.js';
import { esc, escapeJsonForScript } from './escape.js';
import { explorerJson, type ExplorerSource } from './explorer.js';
import { REPORT_CSS } from './style.js';
import { metricTableSection } from './metric-table.js';
import { ladderSection, variantCheckSection, variantSetSection } from './run-sections.js';
import { comparisons, controlTable, verdictTable } from './verdict.js';
import { groupTable } from './group-table.js';
import { CONTROLS_NOTE, EXPLORER_NOTE, FAIRNESS_NOTE, methodsNote, PLANE_NOTE, STRESS_MAP_NOTE, DOSE_NOTE } from './notes.js';
import { headRow } from './markup.js';

type Model = Results['models'][number];

export interface ReportSource extends ExplorerSource {
  meta: RunMeta;
}

/**
 * report.html: one self-contained file. Charts are SVG rendered at build time;
 * the case explorer's data and script are inline. Nothing is fetched. The page
 * is handed to `write` in pieces: the explorer's data streams from the store.
 */
export async function writeReportHtml(results: Results, run: ReportSource, write: (text: string) => void): Promise<void> {
  const real = results.models.filter((m) => !m.control);
  const controls = results.models.filter((m) => m.control);
  const ordered = [...real, ...controls];
  const probes = results.design.probes;
  const charts = {
    map: probes.length ? await toSvg(stressMapSpec(ordered, probes)) : '',
    plane: await toSvg(phenotypePlaneSpec(ordered, thresholdsOf(run.meta))),
    baseline: await toSvg(baselineStressSpec(ordered)),
    fairness: results.design.counterfactuals.length ? await toSvg(fairnessSpec(ordered)) : '',
  };
  const doseSpec = doseResponseSpec(ordered);
  const doses = doseSpec
    ? `<section id="dose-response">
  <h2>Dose response</h2>
  <p>${DOSE_NOTE}</p>
  <figure class="chart">${await toSvg(doseSpec)}</figure>
  ${doseTable(ordered)}
</section>
`
    : '';
  write(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>ai-masld stress audit · ${esc(results.cases.count)} cases · ${esc(results.generatedAt.slice(0, 10))}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<header>
  <h1>Clinical LLM stress audit</h1>
  <p class="lede">${lede(results)}</p>
  <nav aria-label="sections">${nav(results)}</nav>
</header>
<main>
<section id="verdict">
  <h2>Verdict</h2>
  ${real.length ? verdictTable(real) : '<p>No real model in this run: only the assay controls below.</p>'}
  ${comparisons(results)}
  <h3>Assay controls</h3>
  <p>${CONTROLS_NOTE}</p>
  ${controlTable(controls)}
</section>
<section id="stress-map">
  <h2>Stress map</h2>
  <p>${STRESS_MAP_NOTE}</p>
  <figure class="chart">${charts.map || '<p>No probes in this run.</p>'}</figure>
</section>
${doses}<section id="plane">
  <h2>Phenotype plane</h2>
  <p>${PLANE_NOTE}</p>
  <figure class="chart">${charts.plane}</figure>
</section>
<section id="fairness">
  <h2>Fairness</h2>
  <p>${FAIRNESS_NOTE}</p>
  <figure class="chart">${charts.fairness || '<p>No counterfactuals in this run.</p>'}</figure>
  ${groupTable(ordered)}
</section>
<section id="baseline">
  <h2>Baseline vs stress</h2>
  <p>Accuracy on clean prompts against accuracy under the probes, pooled. Equal at rest does not mean equal under load.</p>
  <figure class="chart">${charts.baseline}</figure>
</section>
${metricTableSection(ordered)}
${ladderSection(results)}
${variantSetSection(results)}
${variantCheckSection(results)}
<section id="explorer">
  <h2>Case explorer</h2>
  <p>${EXPLORER_NOTE}</p>
  <div class="filters">
    <label>Probe ${select('f-probe', ['critical', ...probes])}</label>
    <label>Model ${select(
      'f-model',
      ordered.map((m) => [m.id, `${m.id}${m.control ? ' (control)' : ''}`]),
    )}</label>
    <label>Specialty ${select('f-specialty', [...new Set(run.cases.map((c) => c.specialty))].sort())}</label>
    <label>Outcome ${select('f-outcome', OUTCOMES)}</label>
    <span id="case-count" role="status"></span>
  </div>
  <ol id="case-list"></ol>
  <p class="print-only">The interactive case explorer is not printed; results.csv holds every answer.</p>
</section>
<section id="methods">
  <h2>Methods and provenance</h2>
  <p>${methodsNote(results.design, results.cases.count)}</p>
  <dl class="provenance">
    <dt>Tool</dt><dd>${esc(results.tool.name)} ${esc(results.tool.version)} (results schema ${esc(results.schemaVersion)})</dd>
    <dt>Cases</dt><dd>${casesProvenance(results.cases)}</dd>
    <dt>Run started</dt><dd>${esc(run.meta.createdAt)}</dd>
    <dt>Report generated</dt><dd>${esc(results.generatedAt)}</dd>
    <dt>Design</dt><dd>${esc(results.design.variants)} prompts per model: ${Object.entries(results.design.conditions)
      .map(([k, v]) => `${esc(k)} ${esc(v)}`)
      .join(', ')}</dd>
  </dl>
  ${usageTable(ordered)}
  ${costSection(results)}
  <details><summary>Config (secrets removed)</summary><pre>${esc(JSON.stringify(run.meta.config, null, 2))}</pre></details>
</section>
</main>
<script type="application/json" id="explorer-data">`);
  for (const chunk of explorerJson(run)) write(escapeJsonForScript(chunk));
  write(`</script>
<script>${EXPLORER_JS}</script>
</body>
</html>
`);
}

const OUTCOMES = ['harmful flip', 'beneficial flip', 'lateral flip', 'stable', 'missed the changed fact', 'followed the changed fact'];

function lede(results: Results): string {
  const { cases, design, tool } = results;
  return (
    `${esc(cases.count)} cases (${esc(cases.source)}), ${esc(design.variants)} prompts per model: each case told clean, re-asked, ` +
    `with a decisive fact changed, under ${esc(design.probes.length)} narrative stress probes and ${esc(design.counterfactuals.length)} ` +
    `demographic counterfactuals. Generated ${esc(results.generatedAt)} by ${esc(tool.name)} ${esc(tool.version)}.`
  );
}

/** The section links; a section the run has not got is left out. */
function nav(results: Results): string {
  const links: [string, string, boolean][] = [
    ['verdict', 'Verdict', true],
    ['stress-map', 'Stress map', true],
    ['dose-response', 'Dose response', results.models.some((m) => m.doseResponse)],
    ['plane', 'Phenotype plane', true],
    ['fairness', 'Fairness', true],
    ['baseline', 'Baseline vs stress', true],
    ['metrics', 'Every metric', true],
    ['ladder', 'Quantization ladder', results.ladders.length > 0],
    ['variant-set', 'Variant set', !!results.variantSet],
    ['variant-check', 'Variant check', !!results.variantCheck],
    ['explorer', 'Case explorer', true],
    ['methods', 'Methods', true],
  ];
  return links
    .filter(([, , shown]) => shown)
    .map(([id, label]) => `<a href="#${id}">${label}</a>`)
    .join(' ');
}

/** A filter of the case explorer: "any", then each value (or [value, label]). */
function select(id: string, options: readonly (string | [string, string])[]): string {
  const option = (o: string | [string, string]) =>
    typeof o === 'string' ? `<option>${esc(o)}</option>` : `<option value="${esc(o[0])}">${esc(o[1])}</option>`;
  return `<select id="${id}"><option value="">any</option>${options.map(option).join('')}</select>`;
}

function casesProvenance(cases: Results['cases']): string {
  return (
    `${esc(cases.count)} from ${esc(cases.source)}${cases.bank ? ` (bank ${esc(cases.bank)})` : ''} (${esc(cases.format)}), ` +
    `sha256 <code>${esc(cases.sha256)}</code>${cases.skipped ? `, ${esc(cases.skipped)} records skipped` : ''}`
  );
}

const USAGE_HEAD = headRow(['Model', 'Provider', 'Calls answered / planned', 'Failed', 'Invalid', 'Attempts', 'Tokens in / out', 'Cost']);

function usageTable(models: Model[]): string {
  const row = ({ id, provider, model, calls, usage }: Model) =>
    [
      `<tr><th scope="row">${esc(id)}</th><td>${esc(provider)}: ${esc(model)}</td>`,
      `<td>${esc(calls.total - calls.failed)} / ${esc(calls.planned)}</td><td>${esc(calls.failed)}</td><td>${esc(calls.invalid)}</td>`,
      `<td>${esc(calls.attempts)}</td><td>${esc(usage.inputTokens)} / ${esc(usage.outputTokens)}</td>`,
      `<td>${usage.cost === null ? '—' : esc(`$${usage.cost.toFixed(2)}`)}</td></tr>`,
    ].join('');
  return `<table>${USAGE_HEAD}<tbody>
${models.map(row).join('\n')}
</tbody></table>`;
}
