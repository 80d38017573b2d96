import type { DryRun } from '../audit/dry-run.js';
import { batchPrices } from '../models/prices.js';
import { safeTerminal, table } from '../report/format.js';
import type { DryRunTotal } from '../run/plan.js';

/** The dry run's plan on stdout: calls, tokens and cost per model and condition, and the retelling before it. */
export function printDryRun(plan: DryRun): void {
  const fmt = (n: number) => n.toLocaleString('en-US');
  const cost = (c: number | null) => (c === null ? '—' : `$${c.toFixed(2)}`);
  const mode = (r: DryRunTotal) =>
    r.mode === 'batch' && r.batchMultiplier !== undefined ? `batch (${Math.round((1 - r.batchMultiplier) * 100)}% off)` : r.mode;
  const body = plan.rows.map((r) => [r.modelId, r.condition, mode(r), fmt(r.calls), fmt(r.inputTokens), fmt(r.outputTokens), cost(r.cost)]);
  for (const t of plan.totals) body.push([t.modelId, 'TOTAL', mode(t), fmt(t.calls), fmt(t.inputTokens), fmt(t.outputTokens), cost(t.cost)]);
  const all = plan.allModels;
  if (plan.totals.length > 1 && all.cost !== null) body.push(['all models', 'TOTAL', '', fmt(all.calls), '', '', cost(all.cost)]);
  process.stdout.write(
    `Dry run: ${plan.cases} cases (${safeTerminal(plan.source)}), ${plan.prompts} prompts per model, ${plan.models} model(s). Nothing is called.\n\n`,
  );
  process.stdout.write(`${table(['model', 'condition', 'mode', 'calls', 'input tokens (est.)', 'output tokens (est.)', 'cost (est.)'], body)}\n`);
  if (plan.extraDoses) {
    const { calls, cost: c } = plan.extraDoses;
    process.stdout.write(
      `\nGraded stress: ${fmt(calls)} of the ${fmt(all.calls)} calls (${Math.round((100 * calls) / Math.max(1, all.calls))}%) are the doses above 1` +
        `${c === null ? '' : `, ${cost(c)} of the estimated cost`}; \`doses: [1]\` in the config leaves them out.\n`,
    );
  }
  if (plan.retell.length) {
    process.stdout.write(
      `\nRetelling before the audit (probes that name a rewriter; one retelling and one verdict per variant, more ` +
        `when one is rejected; cached, so paid once):\n\n`,
    );
    process.stdout.write(
      `${table(
        ['probe', 'rewriter', 'judge', 'variants', 'calls', 'input tokens (est.)', 'output tokens (est.)', 'cost (est.)'],
        plan.retell.map((r) => [
          r.probe,
          safeTerminal(r.rewriter),
          safeTerminal(r.judge),
          fmt(r.variants),
          fmt(r.calls),
          fmt(r.rewriterTokens.input + r.judgeTokens.input),
          fmt(r.rewriterTokens.output + r.judgeTokens.output),
          cost(r.cost),
        ]),
      )}\n`,
    );
  }
  const batchNote = batchPrices()
    .map(([provider, b]) => `${Math.round(b.multiplier * 100)}% of live for ${provider}`)
    .join(', ');
  process.stdout.write(
    `\nTokens are estimated at 4 characters a token; output assumes a JSON reply (about 60 tokens, 500 with ` +
      'prompt.style: reasoning). Cost appears where the model has a price: price: {inputPerMTok, outputPerMTok} from ' +
      `the config, else the dated price table (README); batch calls at the batch price (${batchNote}).\n`,
  );
}
