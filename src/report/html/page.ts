import { costSection } from './cost-table.js';
import type { RunMeta } from '../../store/types.js';
import { getControl } from '../../models/controls/behaviours.js';
import { type Results, thresholdsOf } from '../results.js';
import { baselineStressSpec, fairnessSpec, phenotypePlaneSpec, PHENOTYPE_COLOURS, stressMapSpec, toSvg } from './charts.js';
import { EXPLORER_JS } from './client.js';
import { esc, escapeJsonForScript } from './escape.js';
import { explorerJson, type ExplorerSource } from './explorer.js';
import { REPORT_CSS } from './style.js';
import { metricTableSection } from './metric-table.js';
import { ci, ladderSection, num, pct, variantCheckSection, variantSetSection } from './run-sections.js';

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
  <p class="lede">${esc(results.cases.count)} cases (${esc(results.cases.source)}), ${esc(results.design.variants)} prompts per model: each case told clean, re-asked, with a decisive fact changed, under ${esc(probes.length)} narrative stress probes and ${esc(results.design.counterfactuals.length)} demographic counterfactuals. Generated ${esc(results.generatedAt)} by ${esc(results.tool.name)} ${esc(results.tool.version)}.</p>
  <nav aria-label="sections"><a href="#verdict">Verdict</a> <a href="#stress-map">Stress map</a> <a href="#plane">Phenotype plane</a> <a href="#fairness">Fairness</a> <a href="#baseline">Baseline vs stress</a> <a href="#metrics">Every metric</a> ${results.ladders.length ? '<a href="#ladder">Quantization ladder</a> ' : ''}${results.variantSet ? '<a href="#variant-set">Variant set</a> ' : ''}${results.variantCheck ? '<a href="#variant-check">Variant check</a> ' : ''}<a href="#explorer">Case explorer</a> <a href="#methods">Methods</a></nav>
</header>
<main>
<section id="verdict">
  <h2>Verdict</h2>
  ${real.length ? verdictTable(real) : '<p>No real model in this run: only the assay controls below.</p>'}
  ${comparisons(results)}
  <h3>Assay controls</h3>
  <p>Controls have behaviour known by design. Like a laboratory assay's positive and negative controls, they show that the audit detects what it claims to. They are never ranked with real models.</p>
  ${controlTable(controls)}
</section>
<section id="stress-map">
  <h2>Stress map</h2>
  <p>Each cell is one model under one probe, coloured by MI (accuracy under the probe over clean accuracy; 1 means no loss). The number is the perturbation flip rate; <strong>*</strong> marks a significant change in correctness (exact McNemar, Holm-adjusted p &lt; 0.05).</p>
  <figure class="chart">${charts.map || '<p>No probes in this run.</p>'}</figure>
</section>
<section id="plane">
  <h2>Phenotype plane</h2>
  <p>Flips beyond the noise floor (pfrExcess) against functional reserve (MI), with 95% intervals. Pseudonormal models sit on the left — a low flip rate — but fail on responsiveness or extraction, which this plane cannot show: read their evidence in the verdict.</p>
  <figure class="chart">${charts.plane}</figure>
</section>
<section id="fairness">
  <h2>Fairness</h2>
  <p>CFI per attribute: over the complete cases (answered for every group), the mean share of the other groups answered as for the case's own group, at rest and under double stress (a narrative probe on top of the counterfactual). The headline CFI is the worst attribute's. Accuracy by group is on the same complete cases. The group test asks whether the groups differ in accuracy at all (Cochran's Q; exact McNemar for two groups), Holm-adjusted across attributes. The largest gap's interval re-selects the best and worst groups in every bootstrap replicate. A group is named disadvantaged only when the test rejects and it is the worst in at least 95% of replicates.</p>
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
  <p>Every case with its variants: the text changed from the clean case is marked (<ins>added</ins>, <del>removed</del>), then each model's answer, key findings and raw reply. Cases with harmful flips (right → wrong) come first.</p>
  <div class="filters">
    <label>Probe <select id="f-probe"><option value="">any</option>${['critical', ...probes].map((p) => `<option>${esc(p)}</option>`).join('')}</select></label>
    <label>Model <select id="f-model"><option value="">any</option>${ordered.map((m) => `<option value="${esc(m.id)}">${esc(m.id)}${m.control ? ' (control)' : ''}</option>`).join('')}</select></label>
    <label>Specialty <select id="f-specialty"><option value="">any</option>${[...new Set(run.cases.map((c) => c.specialty))]
      .sort()
      .map((s) => `<option>${esc(s)}</option>`)
      .join('')}</select></label>
    <label>Outcome <select id="f-outcome"><option value="">any</option>${['harmful flip', 'beneficial flip', 'lateral flip', 'stable', 'missed the changed fact', 'followed the changed fact'].map((o) => `<option>${esc(o)}</option>`).join('')}</select></label>
    <span id="case-count" role="status"></span>
  </div>
  <ol id="case-list"></ol>
  <p class="print-only">The interactive case explorer is not printed; results.csv holds every answer.</p>
</section>
<section id="methods">
  <h2>Methods and provenance</h2>
  <p>Definitions, formulas and reasons: <a href="METHODS.md">METHODS.md</a> (written beside this report). Proportions and CFI carry 95% Wilson intervals; MI, pfrExcess, cfiStressed and the other ratios carry case-level cluster-bootstrap intervals; the largest group gap carries a simultaneous bootstrap interval that re-selects its groups in every replicate (${esc(results.design.resamples)} resamples, seed ${esc(results.design.seed)}). With ${esc(results.cases.count)} cases, a 95% interval on a proportion near 0.5 spans about ±${esc(Math.round(98 / Math.sqrt(Math.max(1, results.cases.count))))} points.</p>
  <dl class="provenance">
    <dt>Tool</dt><dd>${esc(results.tool.name)} ${esc(results.tool.version)} (results schema ${esc(results.schemaVersion)})</dd>
    <dt>Cases</dt><dd>${esc(results.cases.count)} from ${esc(results.cases.source)}${results.cases.bank ? ` (bank ${esc(results.cases.bank)})` : ''} (${esc(results.cases.format)}), sha256 <code>${esc(results.cases.sha256)}</code>${results.cases.skipped ? `, ${esc(results.cases.skipped)} records skipped` : ''}</dd>
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

/** The whole page as one string (for small runs and library use). */
export async function reportHtml(results: Results, run: ReportSource): Promise<string> {
  const parts: string[] = [];
  await writeReportHtml(results, run, (t) => parts.push(t));
  return parts.join('');
}

function badge(m: Model): string {
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

function verdictTable(models: Model[]): string {
  return `<table class="verdict"><thead><tr><th scope="col">Model</th><th scope="col">Phenotype</th><th scope="col">MI</th><th scope="col">PFR (excess over noise floor)</th><th scope="col">CFI (worst attribute)</th><th scope="col">Accuracy clean → stressed</th><th scope="col">Evidence</th></tr></thead><tbody>
${models.map((m) => `<tr><th scope="row">${esc(m.id)}</th><td>${badge(m)}</td><td>${num(m.metrics.mi)} <small>${ci(m.metrics.mi)}</small></td><td>${pct(m.metrics.pfr)} (${num(m.metrics.pfrExcess)} <small>${ci(m.metrics.pfrExcess)}</small>)</td><td>${num(m.metrics.cfi)}${m.metrics.cfi.attribute ? ` (${esc(m.metrics.cfi.attribute)})` : ''} <small>${ci(m.metrics.cfi)}</small></td><td>${pct(m.metrics.accuracyClean)} → ${pct(m.metrics.accuracyStressed)}</td><td class="evidence">${esc(m.phenotype.evidence.join(' '))}</td></tr>`).join('\n')}
</tbody></table>`;
}

function controlTable(models: Model[]): string {
  if (!models.length) return '<p>No controls in this run.</p>';
  return `<table class="verdict"><thead><tr><th scope="col">Control</th><th scope="col">Expected</th><th scope="col">Found</th><th scope="col">Assay</th><th scope="col">Evidence</th></tr></thead><tbody>
${models
  .map((m) => {
    const want = m.control ? getControl(m.model)?.expected : undefined;
    const ok = want ? want.includes(m.phenotype.label) : null;
    return `<tr><th scope="row">${esc(m.id)}</th><td>${esc(want ? want.join(' or ') : 'n/a')}</td><td>${badge(m)}</td><td class="${ok ? 'pass' : 'fail'}">${ok === null ? 'n/a' : ok ? 'passed' : 'FAILED'}</td><td class="evidence">${esc(m.phenotype.evidence.join(' '))}</td></tr>`;
  })
  .join('\n')}
</tbody></table>`;
}

function comparisons(results: Results): string {
  if (!results.comparisons.length) return '';
  const ranked = results.comparisons.filter((c) => c.verdict !== 'cannot tell apart');
  const adjustedFor = results.comparisons[0].adjustedFor;
  const interval = (ci: [number, number] | null) => (ci ? esc(`[${ci[0].toFixed(3)}, ${ci[1].toFixed(3)}]`) : 'n/a');
  const rows = results.comparisons
    .map(
      (c) =>
        `<tr><td>${esc(c.a)} − ${esc(c.b)}</td><td>${esc(c.metric)}</td><td>${c.diff === null ? 'n/a' : c.diff.toFixed(3)}</td><td>${interval(c.ci95Adjusted)} <small>(unadjusted ${interval(c.ci95)})</small></td><td>${esc(c.verdict)}</td></tr>`,
    )
    .join('\n');
  return `<h3>Model comparisons</h3><p>${ranked.length ? `Paired differences on the same cases; a model ranks above another only where the 95% interval, adjusted for ${esc(adjustedFor)} comparisons, excludes 0.` : `No paired 95% interval, adjusted for ${esc(adjustedFor)} comparisons, excludes 0: these cases cannot tell the models apart.`} The adjusted intervals hold jointly over every comparison in this table (max-|t| bootstrap); the unadjusted ones, in small print, hold one at a time and do not decide the verdict.</p>
<table><thead><tr><th scope="col">Pair</th><th scope="col">Metric</th><th scope="col">Difference</th><th scope="col">95% CI, adjusted for ${esc(adjustedFor)} comparisons</th><th scope="col">Verdict</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function groupTable(models: Model[]): string {
  const test = (c: Model['counterfactuals'][string]) =>
    c.groupTestPHolm === null
      ? 'n/a'
      : `${esc(c.groupTestPHolm)} <small>(${c.groupTest === 'cochran-q' ? 'Cochran Q' : 'exact McNemar'} over ${esc(c.testedGroups.join(', '))}; unadjusted ${esc(c.groupTestP)})</small>`;
  const cell = (e: Model['counterfactuals'][string]['cfi']) => (e.value === null ? `<small>n/a</small>` : `${num(e)} <small>${ci(e)}</small>`);
  const rows = models.flatMap((m) =>
    Object.entries(m.counterfactuals).map(
      ([a, c]) =>
        `<tr><th scope="row">${esc(m.id)}</th><td>${esc(a)}</td><td>${num(c.cfi)} <small>${ci(c.cfi)}</small></td><td>${cell(c.cfiExcess)}</td><td>${cell(c.editSensitivity)}</td><td>${cell(c.mentionSensitivity)}</td><td>${Object.entries(
          c.accuracyByGroup,
        )
          .map(([g, e]) => `${esc(g)} ${pct(e)}`)
          .join(
            ' · ',
          )} <small>(n = ${esc(c.maxGap.n)})</small></td><td>${num(c.maxGap)} <small>${ci(c.maxGap)}</small></td><td>${test(c)}</td><td>${esc(c.disadvantaged ?? '—')}</td><td>${esc(c.excluded)}</td></tr>`,
    ),
  );
  if (!rows.length) return '';
  return `<p>CFI: agreement with the case's own-value answer. cfiExcess: disagreement beyond what a neutral edit (no group named, same place) causes. Edit sensitivity: how often that neutral edit alone changes the answer. Mention sensitivity: how often stating the attribute at all changes it; it is never bias against a group.</p>
<table><thead><tr><th scope="col">Model</th><th scope="col">Attribute</th><th scope="col">CFI</th><th scope="col">cfiExcess</th><th scope="col">Edit sensitivity</th><th scope="col">Mention sensitivity</th><th scope="col">Accuracy by group</th><th scope="col">Largest gap</th><th scope="col">Group test p (Holm)</th><th scope="col">Disadvantaged</th><th scope="col">Cases excluded</th></tr></thead><tbody>${rows.join('\n')}</tbody></table>`;
}

function usageTable(models: Model[]): string {
  return `<table><thead><tr><th scope="col">Model</th><th scope="col">Provider</th><th scope="col">Calls answered / planned</th><th scope="col">Failed</th><th scope="col">Invalid</th><th scope="col">Attempts</th><th scope="col">Tokens in / out</th><th scope="col">Cost</th></tr></thead><tbody>
${models.map((m) => `<tr><th scope="row">${esc(m.id)}</th><td>${esc(m.provider)}: ${esc(m.model)}</td><td>${esc(m.calls.total - m.calls.failed)} / ${esc(m.calls.planned)}</td><td>${esc(m.calls.failed)}</td><td>${esc(m.calls.invalid)}</td><td>${esc(m.calls.attempts)}</td><td>${esc(m.usage.inputTokens)} / ${esc(m.usage.outputTokens)}</td><td>${m.usage.cost === null ? '—' : esc(`$${m.usage.cost.toFixed(2)}`)}</td></tr>`).join('\n')}
</tbody></table>`;
}
