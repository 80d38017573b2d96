import type { ModelConfig } from '../config/schema.js';
import type { CallUsage } from '../metrics/run-tally.js';
import { priceOf, tokenCost, type CallMode, type ResolvedPrice } from '../models/prices.js';

/** Answered calls, their tokens and what they cost (US$; null without a price). */
export interface UsageCell {
  calls: number;
  inputTokens: number;
  outputTokens: number;
  cost: number | null;
}

/** One model's usage in results.json: totals, the price used, and the split by mode and by condition group. */
export interface ModelUsageResult {
  inputTokens: number;
  outputTokens: number;
  cost: number | null;
  /** The config's price, else the price table's; null when neither names the model. */
  price: ResolvedPrice | null;
  byMode: Record<string, UsageCell>;
  byCondition: Record<string, UsageCell>;
}

/** The run's spend: over every model with a price, split by model, mode and condition group. */
export interface CostTotals {
  /** Null when no model has a price. */
  total: number | null;
  byModel: Record<string, number | null>;
  byMode: Record<string, UsageCell>;
  byCondition: Record<string, UsageCell>;
  /** Real models without a price: their calls are in no total. */
  unpriced: string[];
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;
const empty = (priced: boolean): UsageCell => ({ calls: 0, inputTokens: 0, outputTokens: 0, cost: priced ? 0 : null });

function addTo(target: UsageCell, calls: number, inputTokens: number, outputTokens: number, cost: number | null): void {
  target.calls += calls;
  target.inputTokens += inputTokens;
  target.outputTokens += outputTokens;
  if (target.cost !== null && cost !== null) target.cost = round(target.cost + cost);
}

/** Usage and cost of one model from its tally: batch calls at the batch price. A pure function of the stored calls. */
export function modelUsage(m: ModelConfig, u: CallUsage): ModelUsageResult {
  const price = priceOf(m);
  const byMode: Record<string, UsageCell> = {};
  const byCondition: Record<string, UsageCell> = {};
  let cost = price ? 0 : null;
  for (const [condition, modes] of Object.entries(u.cells)) {
    for (const [mode, c] of Object.entries(modes)) {
      const cellCost = price ? round(tokenCost(price, c.inputTokens, c.outputTokens, mode as CallMode)) : null;
      addTo((byMode[mode] ??= empty(price !== null)), c.calls, c.inputTokens, c.outputTokens, cellCost);
      addTo((byCondition[condition] ??= empty(price !== null)), c.calls, c.inputTokens, c.outputTokens, cellCost);
      if (cost !== null && cellCost !== null) cost = round(cost + cellCost);
    }
  }
  return { inputTokens: u.inputTokens, outputTokens: u.outputTokens, cost, price, byMode, byCondition };
}

/** The run's totals over its models' usage; controls cost nothing and are left out. */
export function costTotals(models: readonly { id: string; control: boolean; usage: ModelUsageResult }[]): CostTotals {
  const out: CostTotals = { total: null, byModel: {}, byMode: {}, byCondition: {}, unpriced: [] };
  for (const m of models) {
    if (m.control) continue;
    out.byModel[m.id] = m.usage.cost;
    if (!m.usage.price) {
      out.unpriced.push(m.id);
      continue;
    }
    out.total = round((out.total ?? 0) + (m.usage.cost ?? 0));
    for (const [mode, c] of Object.entries(m.usage.byMode)) addTo((out.byMode[mode] ??= empty(true)), c.calls, c.inputTokens, c.outputTokens, c.cost);
    for (const [g, c] of Object.entries(m.usage.byCondition)) addTo((out.byCondition[g] ??= empty(true)), c.calls, c.inputTokens, c.outputTokens, c.cost);
  }
  return out;
}

const dollars = (c: number | null) => (c === null ? '—' : `$${c < 1 && c > 0 ? c.toFixed(4) : c.toFixed(2)}`);

export const COST_HEADER = ['model', 'mode', 'calls answered', 'input tokens', 'output tokens', 'cost', 'price'];
export const CONDITION_COST_HEADER = ['condition', 'calls answered', 'input tokens', 'output tokens', 'cost'];

/** One row per real model and mode, then the run's total per mode: what summary.md and the report show. */
export function costRows(results: { models: readonly { id: string; control: boolean; usage: ModelUsageResult }[]; cost: CostTotals }): string[][] {
  const rows: string[][] = [];
  const priceText = (p: ResolvedPrice | null) =>
    p ? `$${p.inputPerMTok} / $${p.outputPerMTok} per M tokens (${p.source === 'config' ? 'config' : p.source.split(':')[0]})` : 'no price';
  for (const m of results.models) {
    if (m.control) continue;
    for (const [mode, c] of Object.entries(m.usage.byMode))
      rows.push([m.id, mode === 'batch' ? `batch (×${m.usage.price?.batchMultiplier ?? 1})` : mode, ...cellText(c), priceText(m.usage.price)]);
  }
  for (const [mode, c] of Object.entries(results.cost.byMode)) rows.push(['TOTAL', mode, ...cellText(c), '']);
  if (results.cost.total !== null) rows.push(['TOTAL', 'all', '', '', '', dollars(results.cost.total), '']);
  return rows;
}

/** The run's priced calls per condition group. */
export function conditionCostRows(cost: CostTotals): string[][] {
  return Object.entries(cost.byCondition).map(([g, c]) => [g, ...cellText(c)]);
}

function cellText(c: UsageCell): string[] {
  return [String(c.calls), String(c.inputTokens), String(c.outputTokens), dollars(c.cost)];
}

/** One sentence on what the totals leave out. */
export function costNote(cost: CostTotals): string {
  const unpriced = cost.unpriced.length ? ` No price for ${cost.unpriced.join(', ')} (give \`price:\` in the config): not in the totals.` : '';
  const basis = "Costs are tokens as the provider reported them times the price (the config's, else the dated price table);";
  return `${basis} batch calls at the batch price.${unpriced}`;
}
