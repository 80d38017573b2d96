import type { ModelConfig } from '../config/schema.js';
import { scoresByLogprob } from '../models/registry.js';
import { batchPriceOf, modeOf, priceOf, tokenCost, type CallMode } from '../models/prices.js';
import { userMessage, type PromptOptions } from '../prompt/build.js';
import { callKey } from '../store/types.js';
import { conditionGroup, type Variant } from '../variants/types.js';

export interface PlannedCall {
  modelId: string;
  variant: Variant;
}

/**
 * The calls still to make, interleaved across models so every model advances
 * together. Calls already answered in the store are left out.
 */
export function planCalls(models: readonly ModelConfig[], variants: readonly Variant[], completed: ReadonlySet<string>): PlannedCall[] {
  const out: PlannedCall[] = [];
  for (const variant of variants) {
    for (const m of models) if (!completed.has(callKey(m.id, variant.id))) out.push({ modelId: m.id, variant });
  }
  return out;
}

export interface DryRunRow {
  modelId: string;
  condition: string;
  calls: number;
  inputTokens: number;
  outputTokens: number;
  /** Live calls, or the batch API at its discount. */
  mode: CallMode;
  /** In US dollars where the model has a price (config, else the price table); batch calls at the batch price. */
  cost: number | null;
  /** Batch calls: the batch price as a share of the live price, where the provider's is known. */
  batchMultiplier?: number;
}

/** Output tokens expected per reply: a JSON answer, or reasoning then JSON. */
export const EXPECTED_OUTPUT_TOKENS = { direct: 60, reasoning: 500 } as const;

/** Rough token count: about four characters a token for English clinical text. */
export const estimateTokens = (chars: number) => Math.ceil(chars / 4);

export function dryRunTable(models: readonly ModelConfig[], variants: readonly Variant[], prompt: PromptOptions & { systemText: string }): DryRunRow[] {
  const byCondition = new Map<string, { calls: number; chars: number }>();
  for (const v of variants) {
    const g = conditionGroup(v.condition);
    const row = byCondition.get(g) ?? { calls: 0, chars: 0 };
    row.calls++;
    row.chars += userMessage(v, prompt.style).length + prompt.systemText.length;
    byCondition.set(g, row);
  }
  const rows: DryRunRow[] = [];
  for (const m of models) {
    for (const [condition, { calls, chars }] of byCondition) {
      const inputTokens = estimateTokens(chars);
      const outputTokens = calls * expectedReplyTokens(m, prompt.style);
      const price = priceOf(m);
      const mode = modeOf(m);
      const batchMultiplier = mode === 'batch' ? batchPriceOf(m.provider)?.multiplier : undefined;
      rows.push({
        modelId: m.id,
        condition,
        calls,
        inputTokens,
        outputTokens,
        mode,
        cost: price ? tokenCost(price, inputTokens, outputTokens, mode) : null,
        ...(batchMultiplier !== undefined ? { batchMultiplier } : {}),
      });
    }
  }
  return rows;
}

/** Output tokens expected of one reply. Log-probability scoring reads one next-token distribution: no reply is generated. */
function expectedReplyTokens(m: ModelConfig, style: PromptOptions['style']): number {
  return scoresByLogprob(m) ? 1 : Math.min(m.maxTokens ?? Infinity, EXPECTED_OUTPUT_TOKENS[style]);
}

/** Tokens one call is expected to draw, prompt and reply, as the dry run counts them: what a tpm quota is spent in. */
export function estimateCallTokens(m: ModelConfig, variant: Variant, prompt: PromptOptions & { systemText: string }): number {
  return estimateTokens(userMessage(variant, prompt.style).length + prompt.systemText.length) + expectedReplyTokens(m, prompt.style);
}

/** The dry run's estimate of one call, in US dollars; null when the model has no price. */
export function estimateCallCost(
  m: ModelConfig,
  variant: Variant,
  prompt: PromptOptions & { systemText: string },
  replyTokens = expectedReplyTokens(m, prompt.style),
): number | null {
  const price = priceOf(m);
  if (!price) return null;
  const input = estimateTokens(userMessage(variant, prompt.style).length + prompt.systemText.length);
  return tokenCost(price, input, replyTokens, modeOf(m));
}

/** One model's dry-run rows summed over its conditions. */
export type DryRunTotal = Omit<DryRunRow, 'condition'>;

/** Per model, in the order the rows name them; the cost is null when the model has no price. */
export function dryRunTotals(rows: readonly DryRunRow[]): DryRunTotal[] {
  const totals = new Map<string, DryRunTotal>();
  for (const r of rows) {
    const t = totals.get(r.modelId) ?? {
      modelId: r.modelId,
      calls: 0,
      inputTokens: 0,
      outputTokens: 0,
      mode: r.mode,
      cost: r.cost === null ? null : 0,
      ...(r.batchMultiplier !== undefined ? { batchMultiplier: r.batchMultiplier } : {}),
    };
    t.calls += r.calls;
    t.inputTokens += r.inputTokens;
    t.outputTokens += r.outputTokens;
    if (t.cost !== null && r.cost !== null) t.cost += r.cost;
    totals.set(r.modelId, t);
  }
  return [...totals.values()];
}
