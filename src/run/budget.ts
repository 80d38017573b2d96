import type { CallRecord } from '../store/types.js';
import type { PlannedCall } from './plan.js';

/** Decides, call by call, whether a call may start, and learns what each one cost. */
export interface CallGate {
  /**
   * True to make the call (its estimate is reserved); false stops every new call. With `replyTokens`, the call is
   * reserved at its ceiling, a reply of that many tokens: a batch cannot be stopped once sent, so its calls are
   * admitted only if they fit even when every reply runs to the cap.
   */
  admit(call: PlannedCall, replyTokens?: number): boolean;
  /** A call finished and was stored: its reservation is released and its actual cost counted. */
  settle(call: PlannedCall, record: CallRecord): void;
  /** US$ spent so far, the run's earlier calls included. */
  readonly spent: number;
  /** A call was refused: the budget would have been crossed. */
  readonly stopped: boolean;
  /** Some model has a price, so the spend means something (progress shows it only then). */
  readonly metered: boolean;
}

export interface SpendBudgetOptions {
  /** US$; null only counts the spend (for progress). */
  limit: number | null;
  /** Some model has a price. */
  metered: boolean;
  /** Already spent by the calls stored before this run. */
  spent: number;
  /** The dry run's estimate of a call; with `replyTokens`, its cost with a reply that long. */
  estimate: (call: PlannedCall, replyTokens?: number) => number;
  /** What a stored call actually cost, from the usage the provider reported. */
  cost: (call: PlannedCall, record: CallRecord) => number;
}

/**
 * Admits a call only while the spend so far plus every admitted call's
 * estimate stays within the limit, so calls in flight cannot together cross it.
 * Once one is refused, all are: the run stops cleanly and resumes later.
 */
export class SpendBudget implements CallGate {
  private reserved = 0;
  private readonly held = new Map<PlannedCall, number>();
  /** Per model: actual over estimated cost of its finished calls, so replies longer than the dry run assumed are foreseen. */
  private readonly seen = new Map<string, { estimated: number; actual: number }>();
  private spentSoFar: number;
  private refused = false;
  constructor(private readonly o: SpendBudgetOptions) {
    this.spentSoFar = o.spent;
  }

  get spent(): number {
    return this.spentSoFar;
  }

  get metered(): boolean {
    return this.o.metered;
  }

  get stopped(): boolean {
    return this.refused;
  }

  admit(call: PlannedCall, replyTokens?: number): boolean {
    if (this.o.limit === null) return true;
    if (this.refused) return false;
    const seen = this.seen.get(call.modelId);
    const ratio = seen && seen.estimated > 0 ? Math.max(1, seen.actual / seen.estimated) : 1;
    const e = replyTokens === undefined ? this.o.estimate(call) * ratio : Math.max(this.o.estimate(call, replyTokens), this.o.estimate(call) * ratio);
    if (this.spentSoFar + this.reserved + e > this.o.limit) {
      this.refused = true;
      return false;
    }
    this.reserved += e;
    this.held.set(call, e);
    return true;
  }

  settle(call: PlannedCall, record: CallRecord): void {
    this.reserved = Math.max(0, this.reserved - (this.held.get(call) ?? 0));
    this.held.delete(call);
    const cost = this.o.cost(call, record);
    this.spentSoFar += cost;
    if (record.status !== 'ok') return;
    const seen = this.seen.get(call.modelId) ?? { estimated: 0, actual: 0 };
    seen.estimated += this.o.estimate(call);
    seen.actual += cost;
    this.seen.set(call.modelId, seen);
  }
}
