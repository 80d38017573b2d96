import { z } from 'zod';
import { ProviderError } from './errors.js';
import type { ChatRequest, ChatResponse } from './types.js';

/** Config keys of a provider with a batch API: `mode: batch` sends the model's calls through it. */
export const BATCH_OPTIONS = {
  mode: z.enum(['live', 'batch']).optional(),
  batch: z
    .strictObject({
      /** Items that failed or expired: made live, or sent in a follow-up batch. */
      onFailed: z.enum(['live', 'batch']).default('live'),
      /** Batches per call at most (the first and its follow-ups) before a failure is recorded. */
      rounds: z.number().int().min(1).max(10).default(3),
      /** First wait between polls; grows by half each poll up to maxPollMs. */
      pollMs: z.number().int().positive().default(5000),
      maxPollMs: z.number().int().positive().default(300_000),
    })
    .optional(),
};

export type BatchSettings = { onFailed: 'live' | 'batch'; rounds: number; pollMs: number; maxPollMs: number };
export const DEFAULT_BATCH: BatchSettings = { onFailed: 'live', rounds: 3, pollMs: 5000, maxPollMs: 300_000 };

/** One request of a batch; `customId` is opaque to the provider. */
export interface BatchItem {
  customId: string;
  request: Omit<ChatRequest, 'signal'>;
}

export interface BatchStatus {
  ended: boolean;
  done: number;
  failed: number;
  total: number;
}

/** An item's outcome: a reply, or why there is none (errored, expired, cancelled). Items a batch never reached are absent. */
export type BatchItemResult = { customId: string; response: ChatResponse } | { customId: string; error: string };

/**
 * What a batch is tagged with so it can be found again when the reply to its
 * create request was lost (the process killed while it was in flight).
 */
export interface BatchTag {
  /** Unique per batch; it fits a custom id (^[a-zA-Z0-9_-]{1,64}$) and every item's custom id begins with `${token}-`. */
  token: string;
  /** When the batch was about to be created (before the create request left). */
  since: Date;
  /** Items in the batch. */
  count: number;
}

/**
 * Providers' clocks and ours differ a little: a batch created up to this long
 * before the intent's time (by our clock) still counts as created after it.
 */
export const CLOCK_MARGIN_MS = 120_000;

/** A provider's batch API. Knows nothing of probes: it sends requests and returns replies by custom id. */
export interface BatchClient {
  /** Creates the batch, tagged with `tag.token` where the API keeps a tag; returns the provider's batch id. */
  submit(items: readonly BatchItem[], tag: BatchTag, signal: AbortSignal): Promise<string>;
  /**
   * The batch created for `tag`, if the provider has one: matched by the token
   * where the API keeps it (OpenAI's metadata), else by size and creation time
   * (Anthropic), leaving out the ids in `known`. A match by size and time is a
   * guess; the caller checks the results' custom ids before importing them.
   */
  find(tag: BatchTag, known: ReadonlySet<string>, signal: AbortSignal): Promise<{ id: string; byToken: boolean } | undefined>;
  status(id: string, signal: AbortSignal): Promise<BatchStatus>;
  /** Once ended: every item the provider reports on. */
  results(id: string, signal: AbortSignal): Promise<BatchItemResult[]>;
  /** Once ended and imported: frees what the provider still keeps for the batch (OpenAI: its input file). */
  cleanup?(id: string, signal: AbortSignal): Promise<void>;
}

export interface BatchHttp {
  headers: Record<string, string>;
  timeoutMs: number;
  secrets: readonly string[];
}

/** One request of a batch API; network errors, timeouts, 429 and 5xx are retryable. */
export async function batchFetch(url: string, init: { method: string; body?: BodyInit; json?: unknown; signal: AbortSignal }, h: BatchHttp): Promise<string> {
  const scrub = (s: string) => h.secrets.reduce((acc, k) => (k ? acc.split(k).join('***') : acc), s);
  const signal = AbortSignal.any([init.signal, AbortSignal.timeout(h.timeoutMs)]);
  let res: Response;
  let text: string;
  try {
    res = await fetch(url, {
      method: init.method,
      headers: init.json === undefined ? h.headers : { 'content-type': 'application/json', ...h.headers },
      body: init.json === undefined ? init.body : JSON.stringify(init.json),
      signal,
    });
    text = await res.text();
  } catch (err) {
    if (init.signal.aborted) throw new ProviderError('aborted', 'interrupted', { retryable: false, cause: err });
    throw new ProviderError('network', scrub(`batch API: ${(err as Error).message}`), { retryable: true });
  }
  if (!res.ok) {
    const retryable = res.status === 429 || res.status >= 500;
    throw new ProviderError('http', scrub(`batch API: HTTP ${res.status}: ${text.slice(0, 300)}`), { retryable, status: res.status });
  }
  return text;
}

export const jsonLines = (text: string): unknown[] =>
  text
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));
