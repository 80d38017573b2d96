import type { CallMode } from '../models/prices.js';
import type { ChatResponse } from '../models/types.js';
import type { CallRecord } from '../store/types.js';

/** What a call's reply took, beside the reply itself. */
export interface CallFacts {
  attempts: number;
  /** Errors of earlier attempts. */
  errors?: string[];
  latencyMs?: number | null;
  mode?: CallMode;
  finishedAt?: string;
}

/** The stored record of a call answered with `res` (live or from a batch). */
export function answeredRecord(modelId: string, variantId: string, res: ChatResponse, f: CallFacts): CallRecord {
  return {
    modelId,
    variantId,
    status: 'ok',
    raw: res.text,
    truncated: res.truncated,
    finishReason: res.finishReason,
    inputTokens: res.inputTokens,
    outputTokens: res.outputTokens,
    latencyMs: f.latencyMs ?? null,
    attempts: f.attempts,
    errors: f.errors ?? [],
    finishedAt: f.finishedAt ?? new Date().toISOString(),
    letterProbs: res.letterProbs ?? null,
    ...(f.mode ? { mode: f.mode } : {}),
  };
}

/** The stored record of a call that got no usable reply. */
export function failedRecord(modelId: string, variantId: string, errors: string[], f: CallFacts): CallRecord {
  return {
    modelId,
    variantId,
    status: 'failed',
    raw: null,
    truncated: false,
    finishReason: null,
    inputTokens: null,
    outputTokens: null,
    latencyMs: null,
    attempts: f.attempts,
    errors,
    finishedAt: f.finishedAt ?? new Date().toISOString(),
    ...(f.mode ? { mode: f.mode } : {}),
  };
}
