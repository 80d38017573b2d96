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

/** A provider's batch API. Knows nothing of probes: it sends requests and returns replies by custom id. */
export interface BatchClient {
  /** Creates the batch; returns the provider's batch id. */
  submit(items: readonly BatchItem[], signal: AbortSignal): Promise<string>;
  status(id: string, signal: AbortSignal): Promise<BatchStatus>;
  /** Once ended: every item the provider reports on. */
  results(id: string, signal: AbortSignal): Promise<BatchItemResult[]>;
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
