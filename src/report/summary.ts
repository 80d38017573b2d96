import type { Estimate } from '../metrics/wilson.js';
import type { Results } from './results.js';
import { pct, safeTerminal, table } from './format.js';
import { CONDITION_COST_HEADER, COST_HEADER, conditionCostRows, costNote, costRows } from './cost.js';
import { VARIANT_CHECK_HEADER, variantCheckRows } from './variant-check.js';
import { RETELL_HEADER, REVIEW_HEADER, retellRows, reviewRows, variantSetSentence } from './variant-set.js';

type Model = Results['models'][number];

const num = (e: Estimate | undefined, digits = 2) =>
  !e || e.value === null ? 'n/a' : `${e.value.toFixed(digits)}${e.ci95 ? ` [${e.ci95[0].toFixed(digits)}, ${e.ci95[1].toFixed(digits)}]` : ''}`;
/** The label, its flags, and the share of bootstrap replicates that agree with it. */
const label = (m: Model) =>
  `${m.phenotype.label}${m.phenotype.flags
    .filter((f) => f !== m.phenotype.label)
    .map((f) => ` +${f}`)
    .join('')}${typeof m.phenotype.support === 'number' ? ` (support ${m.phenotype.support.toFixed(2)})` : ''}`;

const HEADER = ['model', 'phenotype', 'accuracy clean', 'accuracy stressed', 'MI', 'pfrExcess', 'CFI (worst attribute)', 'calls'];
/** The headline CFI is the worst attribute's, named, as miWorst names its probe. */
const worstCfi = (m: Model) => `${num(m.metrics.cfi)}${m.metrics.cfi.attribute ? ` (${m.metrics.cfi.attribute})` : ''}`;
const cells = (m: Model) => [
  label(m),
  pct(m.metrics.accuracyClean),
  pct(m.metrics.accuracyStressed),
  num(m.metrics.mi),
  num(m.metrics.pfrExcess),
  worstCfi(m),
  `${m.calls.total - m.calls.failed}/${m.calls.planned}${m.calls.failed ? ` (${m.calls.failed} failed)` : ''}`,
];

/** summary.md: renders on GitHub; controls are listed apart, as assay controls. */
export function summaryMarkdown(results: Results): string {
  const md = (rows: Model[]) =>
    [
      `| ${HEADER.join(' | ')} |`,
      `|${HEADER.map(() => '---').join('|')}|`,
      ...rows.map((r) => `| ${[mdEscape(r.id), ...cells(r).map(mdEscape)].join(' | ')} |`),
    ].join('\n');
  const real = results.models.filter((m) => !m.control);
  const controls = results.models.filter((m) => m.control);
  const out = [
    '# ai-masld audit summary',
    '',
    `${results.cases.count} cases from \`${mdEscape(results.cases.source)}\`${results.cases.bank ? ` (bank ${results.cases.bank})` : ''} ` +
      `(sha256 \`${results.cases.sha256.slice(0, 12)}…\`), ${results.design.variants} prompts per model; ` +
      `probes: ${results.design.probes.join(', ') || 'none'}; counterfactuals:` +
      ` ${results.design.counterfactuals.join(', ') || 'none'}. Clean accuracy and CFI carry 95% Wilson intervals, ` +
      'stressed accuracy a Wilson interval on its effective sample size (clustered by case); CFI is the worst ' +
      `attribute's (mean over attributes: \`cfiMean\` in results.json). MI and pfrExcess carry case-level ` +
      `bias-corrected bootstrap intervals (${results.design.resamples} resamples). Labels read the intervals; ` +
      'support is the share of bootstrap replicates giving the same label.',
    '',
  ];
  if (real.length) {
    out.push('## Models', '', md(real), '');
    for (const m of real) out.push(`- **${mdEscape(m.id)}**: ${m.phenotype.evidence.map(mdEscape).join(' ')}`);
    out.push('');
    const ranked = results.comparisons.filter((c) => c.verdict !== 'cannot tell apart');
    const adjustedFor = results.comparisons[0]?.adjustedFor ?? 0;
    out.push(
      '## Comparisons',
      '',
      ranked.length
        ? ranked
            .map(
              (c) =>
                `- ${c.metric}: ${mdEscape(c.verdict === 'a higher' ? c.a : c.b)} ` +
                `above ${mdEscape(c.verdict === 'a higher' ? c.b : c.a)} (difference ${c.diff?.toFixed(3)}, 95% ` +
                `CI ${c.ci95Adjusted?.map((x) => x.toFixed(3)).join(' to ')} adjusted for ${adjustedFor} comparisons; ` +
                `unadjusted ${c.ci95?.map((x) => x.toFixed(3)).join(' to ') ?? 'n/a'}; ${c.n} paired cases)`,
            )
            .join('\n')
        : results.comparisons.length
          ? 'No difference between models is large enough to tell them apart with these cases: every paired 95% interval, ' +
            `adjusted for ${adjustedFor} comparisons, includes 0.`
          : 'One real model: nothing to compare.',
      '',
    );
  }
  if (real.length) {
    const table = (header: string[], rows: string[][]) => [
      `| ${header.join(' | ')} |`,
      `|${header.map(() => '---').join('|')}|`,
      ...rows.map((r) => `| ${r.map(mdEscape).join(' | ')} |`),
    ];
    out.push('## Cost', '', costNote(results.cost), '', ...table(COST_HEADER, costRows(results)), '');
    const byCondition = conditionCostRows(results.cost);
    if (byCondition.length) out.push('Per condition (models with a price):', '', ...table(CONDITION_COST_HEADER, byCondition), '');
  }
  if (controls.length) {
    out.push(
      '## Assay controls',
      '',
      'Controls have behaviour known by design; they check that the audit detects what it claims to. They are never ranked with real models.',
      '',
      md(controls),
      '',
    );
  }
  const dosed = [...real, ...controls].filter((m) => m.doseResponse);
  if (dosed.length) {
    out.push('## Dose response', '', 'Pooled stress-tolerance index (1: nothing lost at any dose) and how MI bends as the dose rises (METHODS.md).', '');
    out.push('| model | pooled STI | shape | threshold dose per probe (MI < 0.9) |', '|---|---|---|---|');
    for (const m of dosed) {
      const d = m.doseResponse!;
      const sti = d.sti.value === null ? 'n/a' : `${d.sti.value.toFixed(2)}${d.sti.ci95 ? ` [${d.sti.ci95[0].toFixed(2)}, ${d.sti.ci95[1].toFixed(2)}]` : ''}`;
      const at = Object.entries(d.probes).map(([p, c]) => `${p} ${c.thresholdDose ?? `> ${c.points[c.points.length - 1]?.dose}`}`);
      out.push(`| ${[m.id, sti, d.shape.label, at.join(', ')].map(mdEscape).join(' | ')} |`);
    }
    out.push('');
  }
  if (results.variantSet) {
    const v = results.variantSet;
    out.push('## Variant set', '', variantSetSentence(v), '');
    if (v.review)
      out.push(
        `| ${REVIEW_HEADER.join(' | ')} |`,
        `|${REVIEW_HEADER.map(() => '---').join('|')}|`,
        ...reviewRows(v).map((r) => `| ${r.map(mdEscape).join(' | ')} |`),
        '',
      );
    if (v.retell.length)
      out.push(
        'Retold by rewriter models (every retelling verified before use; METHODS.md, "Retelling"):',
        '',
        `| ${RETELL_HEADER.join(' | ')} |`,
        `|${RETELL_HEADER.map(() => '---').join('|')}|`,
        ...retellRows(v).map((r) => `| ${r.map(mdEscape).join(' | ')} |`),
        '',
      );
  }
  if (results.variantCheck) {
    const v = results.variantCheck;
    out.push(
      '## Variant check',
      '',
      [
        `Every variant was checked before it was sent (${v.checked} checked).`,
        v.allowDefective
          ? 'Defective variants were sent anyway (--allow-defective) and are marked in results.csv.'
          : 'Defective variants were left out and counted.',
        'Cases a probe cannot stress as designed are ineligible for it and counted apart.',
      ].join(' '),
      '',
      `| ${VARIANT_CHECK_HEADER.join(' | ')} |`,
      `|${VARIANT_CHECK_HEADER.map(() => '---').join('|')}|`,
      ...variantCheckRows(v).map((r) => `| ${r.map(mdEscape).join(' | ')} |`),
      '',
    );
  }
  out.push(
    `Generated by ${results.tool.name} ${results.tool.version}. Definitions: METHODS.md. Full numbers: \`results.json\`; one row per call: \`results.csv\`.`,
    '',
  );
  return out.join('\n');
}

export function terminalTable(results: Results): string {
  const rows = results.models.map((r) => [safeTerminal(r.id) + (r.control ? ' (control)' : ''), ...cells(r)]);
  return table(HEADER, rows);
}

function mdEscape(s: string): string {
  return s.replace(/[|\\`*_<>[\]]/g, (c) => `\\${c}`);
}
