import type { ChatMessage } from '../models/types.js';
import type { PromptStyle } from '../prompt/build.js';
import type { CallRecord } from '../store/types.js';
import type { Variant } from '../variants/types.js';
import { callWithRetries, type CallOutcome } from './call-with-retries.js';
import { answeredRecord, failedRecord } from './call-record.js';
import type { ModelRuntime } from './execute.js';
import type { ModelPace } from './model-pace.js';
import { EXPECTED_OUTPUT_TOKENS, estimateTokens } from './plan.js';

export interface AskSettings {
  style: PromptStyle;
  retryDelayMs: number;
  signal: AbortSignal;
  pace?: ModelPace;
}

/**
 * One model asked one variant, retried as every call is, and the record to store. A single process
 * (execute.ts) and a cluster worker (cluster/worker.ts) both ask through here, so they store equal records.
 * Null when interrupted: nothing happened that should be recorded.
 */
export async function ask(rt: ModelRuntime, variant: Variant, messages: ChatMessage[], s: AskSettings): Promise<CallRecord | null> {
  // Estimated as the planner does: the prompt's characters ÷ 4, and the reply it expects; corrected by the usage reported.
  let chars = 0;
  for (const m of messages) chars += m.content.length;
  const tokens = estimateTokens(chars) + Math.min(rt.maxTokens, EXPECTED_OUTPUT_TOKENS[s.style]);
  const outcome = await callWithRetries(
    rt.provider,
    { messages, temperature: rt.temperature, maxTokens: rt.maxTokens, choices: Object.keys(variant.options) },
    { retries: rt.retries, retryDelayMs: s.retryDelayMs, signal: s.signal, ...(s.pace && { pace: { gate: s.pace, tokens } }) },
  );
  return outcome && callRecord(rt.id, variant.id, outcome);
}

function callRecord(modelId: string, variantId: string, o: CallOutcome): CallRecord {
  return o.status === 'failed'
    ? failedRecord(modelId, variantId, o.errors, { attempts: o.attempts })
    : answeredRecord(modelId, variantId, o.response, { attempts: o.attempts, errors: o.errors, latencyMs: o.latencyMs });
}
