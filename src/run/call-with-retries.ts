import pRetry from 'p-retry';
import { setTimeout as sleep } from 'node:timers/promises';
import { ProviderError } from '../models/errors.js';
import type { ChatRequest, ChatResponse, Provider } from '../models/types.js';
import type { ModelPace } from './model-pace.js';
import type { PaceStatus } from './pace.js';

/**
 * The one way a model is called: the audit (execute.ts) and the LLM retelling
 * of probe variants (variants/retell/) share it, so a rewriter gets the same
 * retries, backoff, Retry-After and circuit breaker as an audited model.
 */

/** What the audit reports as calls finish; the retelling reports in the same shape. */
export interface ProgressEvent {
  done: number;
  total: number;
  failed: number;
  modelId: string;
  /** US$ spent so far, where the models have prices. */
  spent?: number;
  /** Set while a batch is polled: its provider's counts. */
  batch?: { id: string; done: number; failed: number; total: number };
  /** The pace that held this model's calls back in the last few seconds, if any. */
  pace?: PaceStatus | null;
}

export interface RetrySettings {
  /** Extra attempts after a retryable failure. */
  retries: number;
  /** First backoff delay; doubles with each retry, with jitter. */
  retryDelayMs: number;
  /** Aborting stops waiting and abandons the attempt in flight. */
  signal: AbortSignal;
  /** Every attempt waits for the model's pace and reports how it ended; `tokens` is the call's estimate. */
  pace?: { gate: ModelPace; tokens: number };
}

export type CallOutcome =
  | { status: 'ok'; response: ChatResponse; attempts: number; errors: string[]; latencyMs: number }
  | { status: 'failed'; attempts: number; errors: string[] };

/**
 * One call, retried on retryable provider errors (network, timeout, 429, 5xx,
 * malformed body) with exponential backoff and jitter; a server's Retry-After
 * is waited for on top of the backoff. With a pacer, every attempt also waits
 * for its turn there and reports how it ended. Null when interrupted: nothing
 * happened that should be recorded.
 */
export async function callWithRetries(provider: Provider, request: Omit<ChatRequest, 'signal'>, s: RetrySettings): Promise<CallOutcome | null> {
  const errors: string[] = [];
  let attempts = 0;
  let started = 0;
  try {
    const response = await pRetry(
      async () => {
        attempts++;
        const pace = s.pace;
        if (!pace) {
          started = performance.now();
          return provider.complete({ ...request, signal: s.signal });
        }
        const sentAt = await pace.gate.acquire(pace.tokens, s.signal);
        started = performance.now();
        try {
          const response = await provider.complete({ ...request, signal: s.signal });
          pace.gate.succeeded(sentAt, pace.tokens, response);
          return response;
        } catch (err) {
          pace.gate.failed(sentAt, err);
          throw err;
        }
      },
      {
        retries: s.retries,
        minTimeout: s.retryDelayMs,
        factor: 2,
        maxTimeout: Math.max(s.retryDelayMs, 60_000),
        randomize: true,
        signal: s.signal,
        shouldRetry: ({ error }) => error instanceof ProviderError && error.retryable,
        onFailedAttempt: async ({ error, retriesLeft }) => {
          errors.push(`attempt ${errors.length + 1}: ${error.message}`);
          const wait = error instanceof ProviderError && error.retryable ? error.retryAfterMs : undefined;
          if (wait && retriesLeft > 0) await sleep(wait, undefined, { signal: s.signal }).catch(() => undefined);
        },
      },
    );
    return { status: 'ok', response, attempts, errors, latencyMs: Math.round((performance.now() - started) * 10) / 10 };
  } catch {
    if (s.signal.aborted) return null;
    return { status: 'failed', attempts, errors };
  }
}

/**
 * Consecutive failed calls after which a model is treated as down: its
 * remaining calls are skipped rather than each retried to exhaustion.
 */
export class CircuitBreaker {
  private consecutive = 0;
  private opened = false;
  constructor(readonly threshold = 20) {}

  get open(): boolean {
    return this.opened;
  }

  /** Records a finished call; true when this failure is the one that opened the circuit. */
  record(failed: boolean): boolean {
    if (!failed) {
      this.consecutive = 0;
      return false;
    }
    if (++this.consecutive >= this.threshold && !this.opened) {
      this.opened = true;
      return true;
    }
    return false;
  }
}
