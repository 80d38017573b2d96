import type { CallRecord } from '../../src/store/types.js';

/** A finished call as a store commits it; `over` changes any field. */
export const testCall = (modelId: string, variantId: string, over: Partial<CallRecord> = {}): CallRecord => ({
  modelId,
  variantId,
  status: 'ok',
  raw: '{"answer": "A"}',
  truncated: false,
  finishReason: 'stop',
  inputTokens: 100,
  outputTokens: 7,
  latencyMs: 12.5,
  attempts: 1,
  errors: [],
  finishedAt: '2026-01-01T00:00:00.000Z',
  ...over,
});
