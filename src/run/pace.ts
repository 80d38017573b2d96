import { ProviderError } from '../models/errors.js';
import type { RateLimit } from '../models/model-config.js';
import type { RateBudget, RateLimitState } from '../models/rate-limit-headers.js';
import type { ChatResponse } from '../models/types.js';

/** What holds the pace: the configured rpm or tpm, a pace learnt from 429s, or the server's rate-limit headers. */
export type PaceBinding = 'rpm' | 'tpm' | '429' | 'headers';

export interface PaceStatus {
  /** Calls per minute at the pace that binds. */
  perMinute: number;
  binding: PaceBinding;
}

const MINUTE = 60_000;
/** Multiplicative decrease on a 429: halving until the pace is first found, then gentler. */
const BETA_START = 0.5;
const BETA = 0.85;
/** Additive recovery per second while the learnt pace binds, as a share of the pace at the last decrease. */
const ALPHA = 0.004;
/** A pace that held a call back is shown this long after. */
const SHOWN_MS = 5000;
/** Calls' worth of a server's budget kept in hand beyond the calls in flight, which it has not counted yet. */
const RESERVE_CALLS = 2;
/** Share of the refill rate used while the budget is below that reserve, so it fills back up. */
const REFILL_SHARE = 0.9;
/** Decreases in a row with no call answered between them: past this, a server that refuses everything (an exhausted
 * quota) is left to the calls' retries and the circuit breaker rather than slowing the run to a crawl. */
const MAX_BARREN_DECREASES = 12;
/**
 * A decrease is judged by the next 429: against a real limit, slowing down costs no answered calls a minute (the
 * server answers its quota either way); when the answered rate fell with the send rate (below this share of what it
 * was), the 429s were not this run's pace (a server refusing at random), and the decrease is undone.
 */
const KEPT_GOODPUT = 0.9;
/** Calls an epoch must have sent before it is judged; a 429 before that is counted and waits for more evidence. */
const MIN_JUDGED = 16;
/** Sends remembered to measure the rate at the first 429. */
const RECENT = 64;

/**
 * Paces one model's calls to whichever limit binds: rpm and tpm from its
 * config, the rate-limit headers of the server's last reply, and a pace learnt
 * from 429s (AIMD: multiplicative decrease, additive recovery). Pure: every
 * method takes the time, in ms on any monotonic clock.
 */
export class Pacer {
  private lastSend = -Infinity;
  /** Tokens of a typical call (the last estimate, corrected by reported usage). */
  private callTokens = 0;
  /** Configured tpm: when the tokens sent so far are paid for. */
  private tokenTat = -Infinity;
  /** No call before this (a Retry-After). */
  private holdUntil = -Infinity;
  /** The pace learnt from 429s, calls a minute; null until the first 429. */
  private learnt: number | null = null;
  private learntRef = 0;
  private slowStart = true;
  private lastDecrease = -Infinity;
  private barren = 0;
  /** Calls sent and refused in each epoch (from one decrease to the next), by the time the epoch began. */
  private epochs: Epoch[] = [newEpoch(-Infinity, null)];
  private headers: { requests?: RateBudget; tokens?: RateBudget; at: number } | null = null;
  private readonly sends: number[] = [];
  private inFlight = 0;
  private shown: { status: PaceStatus; at: number } | null = null;
  /** Whether any limit is known: until then a call never waits and nothing is computed. */
  private active: boolean;

  constructor(private readonly limits: RateLimit = {}) {
    this.active = limits.rpm !== undefined || limits.tpm !== undefined;
  }

  /** Ms to wait before the next call may be sent; 0 to send now. */
  delay(now: number): number {
    if (!this.active) return 0;
    const { at, status } = this.earliest(now);
    if (at <= now) return 0;
    this.shown = { status, at: now };
    return at - now;
  }

  /** A call of an estimated `tokens` is sent now. */
  sent(now: number, tokens: number): void {
    if (this.learnt !== null && this.shown?.status.binding === '429' && now - this.shown.at < SHOWN_MS && this.lastSend > -Infinity) {
      this.learnt += (ALPHA * this.learntRef * Math.min(now - this.lastSend, SHOWN_MS)) / 1000;
    }
    this.lastSend = now;
    const e = this.epochs[this.epochs.length - 1];
    e.sent++;
    if (e.firstSend === null) e.firstSend = now;
    e.lastSend = now;
    this.inFlight++;
    this.callTokens = tokens;
    if (this.limits.tpm) this.tokenTat = Math.max(this.tokenTat, now) + (tokens * MINUTE) / this.limits.tpm;
    if (this.sends.length === RECENT) this.sends.shift();
    this.sends.push(now);
  }

  /** A call sent at `sentAt` returned; its reported usage corrects the token estimate. */
  succeeded(now: number, sentAt: number, estimate: number, res: Pick<ChatResponse, 'inputTokens' | 'outputTokens' | 'rateLimit'>): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    this.barren = 0;
    if (res.rateLimit) this.readHeaders(now, res.rateLimit);
    if (res.inputTokens !== null || res.outputTokens !== null) {
      const actual = (res.inputTokens ?? 0) + (res.outputTokens ?? 0);
      if (this.limits.tpm) this.tokenTat += ((actual - estimate) * MINUTE) / this.limits.tpm;
      this.callTokens = actual;
    }
    if (this.learnt !== null && sentAt >= this.lastDecrease) this.slowStart = false;
    const epoch = this.epochOf(sentAt);
    if (epoch) epoch.ok++;
  }

  /** A call sent at `sentAt` failed; a 429 slows the pace, once per congestion episode. */
  failed(now: number, sentAt: number, err: unknown): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    if (!(err instanceof ProviderError)) return;
    if (err.rateLimit) this.readHeaders(now, err.rateLimit);
    if (err.status !== 429) return;
    this.active = true;
    if (err.retryAfterMs) this.holdUntil = Math.max(this.holdUntil, now + err.retryAfterMs);
    // A server that sends its budgets is paced by them; the pace is learnt only from a bare 429.
    if (err.rateLimit) return;
    const epoch = this.epochOf(sentAt);
    if (epoch) epoch.refused++;
    // Calls sent before the last decrease were sent too fast already: one decrease for them all.
    if (sentAt < this.lastDecrease || this.barren >= MAX_BARREN_DECREASES) return;
    const n = this.epochs.length;
    const cur = this.epochs[n - 1];
    const prev = n > 1 ? this.epochs[n - 2] : null;
    // Too few calls since the last change to tell what it did: this refusal is counted, and judged with the next.
    if (prev && cur.sent < MIN_JUDGED) return;
    this.barren++;
    if (prev && goodput(cur) < KEPT_GOODPUT * goodput(prev)) {
      // Slowing down cost answered calls in proportion: these 429s are not the pace's doing, so the decrease is undone.
      this.learnt = cur.before;
      this.learntRef = this.learnt ?? 0;
      // The next decrease is judged against the calls sent at the pace restored.
      this.epochs = [prev, newEpoch(now, this.learnt)];
      this.lastDecrease = now;
      return;
    }
    if (!prev) {
      // The first decrease is judged by the calls sent from the refused one on, at the pace that drew the 429
      // (a token bucket's burst, spent before it, would make any slower pace look like lost answers).
      const since = this.sends.filter((t) => t >= sentAt);
      this.epochs = [{ ...newEpoch(sentAt, null), sent: since.length, refused: 1, firstSend: since[0] ?? sentAt, lastSend: since.at(-1) ?? sentAt }];
    }
    const before = this.learnt;
    const base = Math.min(this.learnt ?? Infinity, this.sendingRate(sentAt));
    this.learnt = Math.max(1, base * (this.slowStart ? BETA_START : BETA));
    this.learntRef = this.learnt;
    this.lastDecrease = now;
    this.epochs.push(newEpoch(now, before));
    if (this.epochs.length > 3) this.epochs.shift();
  }

  private epochOf(sentAt: number) {
    for (let i = this.epochs.length - 1; i >= 0; i--) if (sentAt >= this.epochs[i].start) return this.epochs[i];
    return undefined;
  }

  /** The pace that held calls back in the last few seconds, or null when none did. */
  status(now: number): PaceStatus | null {
    return this.shown && now - this.shown.at < SHOWN_MS ? this.shown.status : null;
  }

  private readHeaders(now: number, s: RateLimitState): void {
    this.headers = { ...s, at: now };
    this.active = true;
  }

  /** Calls a minute at which the remembered sends up to `at` went out (a busy event loop may have delayed the reply). */
  private sendingRate(at: number): number {
    let n = 0;
    for (const t of this.sends) if (t <= at) n++;
    // Fewer than two sends remembered from before `at` (more calls in flight than remembered): the rate over them all.
    if (n < 2) return (this.sends.length * MINUTE) / Math.max(this.sends[this.sends.length - 1] - this.sends[0], 1);
    return (n * MINUTE) / Math.max(at - this.sends[0], 1);
  }

  /**
   * Ms between calls of `cost` that a server budget allows, read `age` ms ago; 0 for no limit. With the per-minute limit
   * known: its refill, plus what is left above a small reserve spread until the reset; below the reserve a little under
   * the refill, so that it fills back up; after the reset, the refill alone (the bucket may be smaller than the limit).
   * Without the limit: what is left spread until the reset, which against a token bucket settles at its refill rate
   * with the bucket half full; nothing once the reset has passed.
   */
  private budgetGap(b: RateBudget | undefined, cost: number, age: number): number {
    if (!b) return 0;
    const fresh = age < b.resetMs;
    const reset = Math.max(b.resetMs - age, 1);
    if (!b.limit) return fresh ? (cost * reset) / Math.max(b.remaining, 1) : 0;
    const reserve = (this.inFlight + RESERVE_CALLS) * cost;
    const refill = ((fresh && b.remaining < reserve ? REFILL_SHARE : 1) * b.limit) / MINUTE;
    return cost / (refill + (fresh ? Math.max(b.remaining - reserve, 0) / reset : 0));
  }

  /** When the next call may go, and what decides it. */
  private earliest(now: number): { at: number; status: PaceStatus } {
    let at = -Infinity;
    let status: PaceStatus = { perMinute: Infinity, binding: 'rpm' };
    const consider = (t: number, perMinute: number, binding: PaceBinding) => {
      if (t > at) {
        at = t;
        status = { perMinute, binding };
      }
    };
    const { rpm, tpm } = this.limits;
    if (rpm) consider(this.lastSend + MINUTE / rpm, rpm, 'rpm');
    if (tpm) consider(this.tokenTat, tpm / Math.max(this.callTokens, 1), 'tpm');
    if (this.learnt !== null) consider(this.lastSend + MINUTE / this.learnt, this.learnt, '429');
    const h = this.headers;
    if (h) {
      const gap = Math.max(this.budgetGap(h.requests, 1, now - h.at), this.budgetGap(h.tokens, Math.max(this.callTokens, 1), now - h.at));
      if (gap > 0) consider(this.lastSend + gap, MINUTE / gap, 'headers');
    }
    if (this.holdUntil > at) consider(this.holdUntil, status.perMinute === Infinity ? (this.learnt ?? 0) : status.perMinute, '429');
    return { at, status };
  }
}

interface Epoch {
  start: number;
  sent: number;
  ok: number;
  refused: number;
  firstSend: number | null;
  lastSend: number;
  /** The learnt pace before the decrease that began the epoch. */
  before: number | null;
}
const newEpoch = (start: number, before: number | null): Epoch => ({ start, sent: 0, ok: 0, refused: 0, firstSend: null, lastSend: start, before });
/** Calls a minute the server answered of those sent in the epoch: its send rate times the share answered. */
function goodput(e: Epoch): number {
  const span = e.firstSend === null ? 0 : e.lastSend - e.firstSend;
  const rate = span > 0 ? ((e.sent - 1) * MINUTE) / span : 0;
  return e.ok + e.refused > 0 ? (rate * e.ok) / (e.ok + e.refused) : 0;
}
