import { ProviderError } from './errors.js';
import { postJson, type PostJsonOptions } from './http.js';
import type { ChatResponse } from './types.js';

/** One budget a server reports: what is left, and how long until it is whole again. */
export interface RateBudget {
  remaining: number;
  /** Milliseconds until the budget is fully replenished. */
  resetMs: number;
  /** The budget's size per minute, where the server says. */
  limit?: number;
}

/** What a reply's rate-limit headers say; the pacer (src/run/pace.ts) reads it. */
export interface RateLimitState {
  requests?: RateBudget;
  /** The tightest token budget reported (Anthropic may report total, input and output budgets). */
  tokens?: RateBudget;
}

export type HeaderReader = (name: string) => string | null;

const UNIT_MS: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1, us: 1e-3, µs: 1e-3, ns: 1e-6 };

/** A Go-style duration as OpenAI sends it ("1s", "6m0s", "20ms", "1m30.5s"), in ms; undefined if it is not one. */
export function parseDuration(text: string | null): number | undefined {
  if (!text) return undefined;
  const s = text.trim();
  const re = /(\d+(?:\.\d+)?)(ms|us|µs|ns|h|m|s)/gy;
  let ms = 0;
  let at = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    ms += Number(m[1]) * UNIT_MS[m[2]];
    at = re.lastIndex;
  }
  if (at === 0 || at !== s.length) {
    // A bare number is seconds.
    const n = Number(s);
    return s !== '' && Number.isFinite(n) && n >= 0 ? n * 1000 : undefined;
  }
  return ms;
}

function budget(remaining: string | null, resetMs: number | undefined, limit: string | null): RateBudget | undefined {
  const r = remaining === null ? NaN : Number(remaining);
  if (!Number.isFinite(r) || r < 0 || resetMs === undefined || !Number.isFinite(resetMs)) return undefined;
  const l = limit === null ? NaN : Number(limit);
  return { remaining: r, resetMs: Math.max(0, resetMs), ...(Number.isFinite(l) && l > 0 ? { limit: l } : {}) };
}

/** The budget that allows the slowest pace (fewest left per ms until reset). */
function tightest(budgets: (RateBudget | undefined)[]): RateBudget | undefined {
  let best: RateBudget | undefined;
  for (const b of budgets) if (b && (!best || b.remaining / Math.max(b.resetMs, 1) < best.remaining / Math.max(best.resetMs, 1))) best = b;
  return best;
}

const state = (requests?: RateBudget, tokens?: RateBudget): RateLimitState | undefined =>
  requests || tokens ? { ...(requests ? { requests } : {}), ...(tokens ? { tokens } : {}) } : undefined;

/** OpenAI's `x-ratelimit-*` headers; undefined when the reply has none. */
export function openAIRateLimit(header: HeaderReader): RateLimitState | undefined {
  const get = (kind: 'requests' | 'tokens') =>
    budget(header(`x-ratelimit-remaining-${kind}`), parseDuration(header(`x-ratelimit-reset-${kind}`)), header(`x-ratelimit-limit-${kind}`));
  return state(get('requests'), get('tokens'));
}

/** Anthropic's `anthropic-ratelimit-*` headers (resets are RFC 3339 times); undefined when the reply has none. */
export function anthropicRateLimit(header: HeaderReader, now = Date.now()): RateLimitState | undefined {
  const get = (kind: string) => {
    const reset = header(`anthropic-ratelimit-${kind}-reset`);
    const at = reset ? Date.parse(reset) : NaN;
    return budget(header(`anthropic-ratelimit-${kind}-remaining`), Number.isFinite(at) ? at - now : undefined, header(`anthropic-ratelimit-${kind}-limit`));
  };
  return state(get('requests'), tightest([get('tokens'), get('input-tokens'), get('output-tokens')]));
}

/**
 * One POST whose reply headers are read with `read`: the state rides on the
 * body returned, or on the ProviderError thrown (a 429's headers matter most).
 */
export async function postReadingLimits<T>(
  read: (header: HeaderReader) => RateLimitState | undefined,
  post: (onResponse: (status: number, header: HeaderReader) => void) => Promise<T>,
): Promise<{ body: T; rateLimit?: RateLimitState }> {
  let rateLimit: RateLimitState | undefined;
  try {
    const body = await post((_status, header) => {
      rateLimit = read(header);
    });
    return rateLimit ? { body, rateLimit } : { body };
  } catch (err) {
    if (err instanceof ProviderError && rateLimit) err.rateLimit = rateLimit;
    throw err;
  }
}

/** One chat call: the POST with its rate-limit headers read, the reply parsed by `parse`, the headers' state on it. */
export async function postChat(
  read: (header: HeaderReader) => RateLimitState | undefined,
  opts: Omit<PostJsonOptions, 'onResponse'>,
  parse: (body: unknown) => ChatResponse,
): Promise<ChatResponse> {
  const { body, rateLimit } = await postReadingLimits(read, (onResponse) => postJson({ ...opts, onResponse }));
  const reply = parse(body);
  return rateLimit ? { ...reply, rateLimit } : reply;
}
