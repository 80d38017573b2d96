import type { ModelConfig } from './model-config.js';
import type { BatchPrice } from './provider-definition.js';
import { getProviderDefinition, listProviderDefinitions } from './registry.js';

/** US dollars per million tokens. */
export interface Price {
  inputPerMTok: number;
  outputPerMTok: number;
}

interface PriceEntry extends Price {
  provider: string;
  model: string;
  /** When the price was read. */
  date: string;
  source: string;
}

/** How a call was made: one request each, or through the provider's batch API. */
export type CallMode = 'live' | 'batch';

const OPENAI_PRICING = 'https://openai.com/api/pricing (via the copies cited in the source column)';
const ANTHROPIC_PRICING = 'https://platform.claude.com/docs/en/about-claude/pricing';

/**
 * List prices of common models, dated. A config's `price` overrides them.
 * Prices move: check the provider's page before trusting a total.
 */
const TABLE: readonly PriceEntry[] = [
  {
    provider: 'openai',
    model: 'gpt-4o',
    inputPerMTok: 2.5,
    outputPerMTok: 10,
    date: '2026-11-30',
    source: `${OPENAI_PRICING}; getmaxim.ai, docs.rs openai-models`,
  },
  {
    provider: 'openai',
    model: 'gpt-4o-mini',
    inputPerMTok: 0.15,
    outputPerMTok: 0.6,
    date: '2026-11-30',
    source: `${OPENAI_PRICING}; openrouter.ai, docs.rs openai-models`,
  },
  {
    provider: 'openai',
    model: 'gpt-4.1',
    inputPerMTok: 2,
    outputPerMTok: 8,
    date: '2026-11-30',
    source: `${OPENAI_PRICING}; aipricing.guru, pricepertoken.com`,
  },
  { provider: 'openai', model: 'gpt-4.1-mini', inputPerMTok: 0.4, outputPerMTok: 1.6, date: '2026-11-30', source: `${OPENAI_PRICING}; aipricing.guru` },
  { provider: 'openai', model: 'gpt-4.1-nano', inputPerMTok: 0.1, outputPerMTok: 0.4, date: '2026-11-30', source: `${OPENAI_PRICING}; aipricing.guru` },
  { provider: 'anthropic', model: 'claude-sonnet-4-5', inputPerMTok: 3, outputPerMTok: 15, date: '2026-11-30', source: ANTHROPIC_PRICING },
  { provider: 'anthropic', model: 'claude-sonnet-4', inputPerMTok: 3, outputPerMTok: 15, date: '2026-11-30', source: ANTHROPIC_PRICING },
  { provider: 'anthropic', model: 'claude-haiku-4-5', inputPerMTok: 1, outputPerMTok: 5, date: '2026-11-30', source: ANTHROPIC_PRICING },
  { provider: 'anthropic', model: 'claude-opus-4-1', inputPerMTok: 15, outputPerMTok: 75, date: '2026-11-30', source: ANTHROPIC_PRICING },
  { provider: 'anthropic', model: 'claude-sonnet-5', inputPerMTok: 2, outputPerMTok: 10, date: '2026-11-30', source: ANTHROPIC_PRICING },
  { provider: 'anthropic', model: 'claude-opus-5', inputPerMTok: 5, outputPerMTok: 25, date: '2026-11-30', source: ANTHROPIC_PRICING },
];

/** The batch APIs' prices, by provider, as their definitions declare them. */
export function batchPrices(): [provider: string, price: BatchPrice][] {
  return listProviderDefinitions().flatMap((d) => (d.batch ? [[d.name, d.batch.price] as [string, BatchPrice]] : []));
}

/** A provider's batch price, where it has a batch API (and is registered here). */
export function batchPriceOf(provider: string): BatchPrice | undefined {
  return getProviderDefinition(provider)?.batch?.price;
}

/** A model's price and where it came from. */
export interface ResolvedPrice extends Price {
  /** `config`, or the table's date and source. */
  source: string;
  /** What a batch call costs as a share of a live one (1 where the provider has no batch API). */
  batchMultiplier: number;
}

/** The table's entry for a model: its exact name, or a dated snapshot of it (`gpt-4o-2024-08-06`, `claude-sonnet-4-5-20250929`). */
function tableEntry(provider: string, model: string): PriceEntry | undefined {
  const exact = TABLE.find((e) => e.provider === provider && e.model === model);
  if (exact) return exact;
  return TABLE.find((e) => e.provider === provider && new RegExp(`^${e.model.replace(/\./g, '\\.')}-(\\d{4}-\\d{2}-\\d{2}|\\d{8})$`).test(model));
}

/** The config's price, else the table's for the provider and model; null when neither has one. */
export function priceOf(m: Pick<ModelConfig, 'provider' | 'model' | 'price'>): ResolvedPrice | null {
  const batchMultiplier = batchPriceOf(m.provider)?.multiplier ?? 1;
  if (m.price) return { ...m.price, source: 'config', batchMultiplier };
  const e = tableEntry(m.provider, m.model);
  return e ? { inputPerMTok: e.inputPerMTok, outputPerMTok: e.outputPerMTok, source: `price table ${e.date}: ${e.source}`, batchMultiplier } : null;
}

/** US dollars for these tokens at this price and mode. */
export function tokenCost(p: ResolvedPrice, inputTokens: number, outputTokens: number, mode: CallMode): number {
  const m = mode === 'batch' ? p.batchMultiplier : 1;
  return ((inputTokens * p.inputPerMTok + outputTokens * p.outputPerMTok) * m) / 1e6;
}

/** The mode a model's calls are made in: live, unless its provider has a batch API and the model uses it. */
export function modeOf(m: ModelConfig): CallMode {
  return getProviderDefinition(m.provider)?.batch?.mode(m) ?? 'live';
}
