import type { BatchClient, BatchSettings } from './batch.js';
import type { RateLimitState } from './rate-limit-headers.js';

export interface ChatMessage {
  role: 'system' | 'user';
  content: string;
}

/** One prompt to a model. */
export interface ChatRequest {
  messages: ChatMessage[];
  temperature: number;
  maxTokens: number;
  /** The option letters of a multiple-choice prompt, for providers that score letters directly. */
  choices?: string[];
  /** Aborts the attempt (timeout or user interrupt). */
  signal: AbortSignal;
}

/** A model's reply, with the usage the provider reports. */
export interface ChatResponse {
  text: string;
  inputTokens: number | null;
  outputTokens: number | null;
  finishReason: string | null;
  /** The reply was longer than the cap and was cut. */
  truncated: boolean;
  /** Probability of each option letter as the next token (log-probability scoring), renormalised over the letters. */
  letterProbs?: Record<string, number>;
  /** What the reply's rate-limit headers said, for the pacer; absent when it sent none. */
  rateLimit?: RateLimitState;
}

/** One model behind one interface: request in, text plus usage out. Knows nothing of probes. */
export interface Provider {
  /** Set for a model with \`mode: batch\`: its calls go through the provider's batch API (live calls stay for retries). */
  readonly batch?: BatchClient;
  readonly batchSettings?: BatchSettings;
  readonly id: string;
  /** Calls this many at once at most (the model's own limit). */
  readonly maxConcurrency?: number;
  complete(req: ChatRequest): Promise<ChatResponse>;
  /** Facts about the model worth recording in the run's provenance (file hash, quantization...). */
  describe?(): Promise<Record<string, unknown>>;
  close?(): Promise<void>;
}

/** Replies longer than this are cut and marked truncated. */
export const MAX_REPLY_CHARS = 100_000;

export function capReply(text: string): { text: string; truncated: boolean } {
  return text.length > MAX_REPLY_CHARS ? { text: text.slice(0, MAX_REPLY_CHARS), truncated: true } : { text, truncated: false };
}
