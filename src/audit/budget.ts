import type { ModelConfig } from '../config/schema.js';
import { inputError } from '../errors.js';
import { priceOf, tokenCost } from '../models/prices.js';
import { isControlModel } from '../models/registry.js';
import { SpendBudget } from '../run/budget.js';
import { estimateCallCost, type PlannedCall } from '../run/plan.js';
import type { Store } from '../store/types.js';

const usd = (x: number) => `$${x.toFixed(x < 1 ? 4 : 2)}`;

/** US$ the store's answered calls cost, from the usage the providers reported (models without a price count 0). */
export function spentSoFar(store: Store, models: readonly ModelConfig[]): number {
  const byId = new Map(models.map((m) => [m.id, m]));
  let spent = 0;
  for (const u of store.usageByModel()) {
    const m = byId.get(u.modelId);
    const price = m && priceOf(m);
    if (price) spent += tokenCost(price, u.inputTokens, u.outputTokens, u.mode);
  }
  return spent;
}

/**
 * The run's spend meter. With a limit (`--budget`), a plan whose dry-run
 * estimate, with what earlier runs in the folder spent, exceeds it is refused
 * before any call (E_BUDGET, exit 2); every model must then have a price.
 */
export function planBudget(o: {
  models: readonly ModelConfig[];
  store: Store;
  calls: readonly PlannedCall[];
  systemText: string;
  style: 'direct' | 'reasoning';
  limit?: number;
}): SpendBudget {
  const byId = new Map(o.models.map((m) => [m.id, m]));
  const limit = o.limit ?? null;
  if (limit !== null) {
    const unpriced = o.models.filter((m) => !isControlModel(m) && !priceOf(m)).map((m) => m.id);
    if (unpriced.length)
      throw inputError(
        'E_BUDGET',
        `--budget needs a price for every model; ${unpriced.join(', ')} has none in the price table. Give price: ` +
          '{inputPerMTok, outputPerMTok} in the config (0 and 0 for a free local model).',
        { field: '--budget' },
      );
  }
  const estimates = new Map<PlannedCall, number>();
  const estimate = (call: PlannedCall, replyTokens?: number) => {
    if (replyTokens !== undefined)
      return estimateCallCost(byId.get(call.modelId)!, call.variant, { style: o.style, systemText: o.systemText }, replyTokens) ?? 0;
    let e = estimates.get(call);
    if (e === undefined) {
      e = estimateCallCost(byId.get(call.modelId)!, call.variant, { style: o.style, systemText: o.systemText }) ?? 0;
      estimates.set(call, e);
    }
    return e;
  };
  const spent = spentSoFar(o.store, o.models);
  if (limit !== null) {
    const planned = o.calls.reduce((a, c) => a + estimate(c), 0);
    if (spent + planned > limit)
      throw inputError(
        'E_BUDGET',
        `the plan is estimated at ${usd(spent + planned)} (${o.calls.length} calls to make, ` +
          `about ${usd(planned)}${spent ? `, after ${usd(spent)} already spent in this folder` : ''}), over the budget ` +
          `of ${usd(limit)}. Nothing was called. Raise --budget, or make the plan smaller (--limit, fewer models, mode: ` +
          'batch where the provider has it).',
        { field: '--budget' },
      );
  }
  return new SpendBudget({
    limit,
    metered: o.models.some((m) => priceOf(m) !== null),
    spent,
    estimate,
    cost: (call, record) => {
      const price = priceOf(byId.get(call.modelId)!);
      return price && record.status === 'ok' ? tokenCost(price, record.inputTokens ?? 0, record.outputTokens ?? 0, record.mode ?? 'live') : 0;
    },
  });
}
