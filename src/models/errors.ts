import type { RateLimitState } from './rate-limit-headers.js';

/** A failed attempt at a provider; `retryable` decides whether it is tried again. */
export class ProviderError extends Error {
  readonly retryable: boolean;
  /** The rate-limit headers of the failed reply (a 429's among them), set by the provider that read them. */
  rateLimit?: RateLimitState;
  readonly status?: number;
  readonly retryAfterMs?: number;
  readonly kind: 'network' | 'timeout' | 'http' | 'malformed' | 'aborted';
  constructor(kind: ProviderError['kind'], message: string, opts: { retryable: boolean; status?: number; retryAfterMs?: number; cause?: unknown }) {
    super(message, { cause: opts.cause });
    this.name = 'ProviderError';
    this.kind = kind;
    this.retryable = opts.retryable;
    this.status = opts.status;
    this.retryAfterMs = opts.retryAfterMs;
  }
}

/** `Retry-After` as seconds or an HTTP date; capped so a server cannot stall a run. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - now;
  if (!Number.isFinite(ms)) return undefined;
  return Math.min(Math.max(0, ms), 120_000);
}
