import type { ModelConfig } from '../config/schema.js';
import { buildMessages, type ChatMessage } from '../prompt/build.js';
import type { ScoredCall } from '../scoring/score.js';
import type { StoredCall } from '../store/types.js';
import type { Variant } from '../variants/types.js';
import type { CallRow } from './call-row.js';

/**
 * One inspect_ai EvalSample (log format version 2; its schema is
 * test/fixtures/inspect/log-schema.json) for one stored call. Every field the
 * schema requires is written, null or empty where masld has nothing to say.
 */
export type InspectSample = Record<string, unknown>;

/** The scorer name: inspect's own multiple-choice scorer is `choice`, with C (correct) and I (incorrect). */
export const SCORER = 'choice';

/**
 * inspect's name of a model, provider/model. masld ids are unique within a
 * run, so the id stands for the model; a shorthand id (`openai:gpt-4o`)
 * becomes inspect's own form (`openai/gpt-4o`).
 */
export const inspectModel = (m: ModelConfig) => `${m.provider}/${m.id.startsWith(`${m.provider}:`) ? m.id.slice(m.provider.length + 1) : m.id}`;

const chat = (m: ChatMessage) => ({ content: m.content, source: 'input', role: m.role });

function stopReason(call: StoredCall): string {
  const r = call.finishReason;
  if (r === 'stop' || r === 'end_turn' || r === 'stop_sequence') return 'stop';
  if (r === 'length' || r === 'max_tokens' || call.truncated) return 'max_tokens';
  if (r === 'content_filter') return 'content_filter';
  return 'unknown';
}

export function usageOf(input: number | null, output: number | null) {
  const i = input ?? 0;
  const o = output ?? 0;
  return { input_tokens: i, output_tokens: o, total_tokens: i + o, input_tokens_cache_write: null, input_tokens_cache_read: null };
}

export interface SampleInput {
  model: ModelConfig;
  prompt: { system?: string; style: 'direct' | 'reasoning' };
  variant: Variant;
  call: StoredCall;
  scored: ScoredCall | null;
  /** The call's flat row (the jsonl export's): the sample's metadata, less the reply, which is the output. */
  row: CallRow;
}

export function inspectSample(s: SampleInput): InspectSample {
  const { call, scored, variant } = s;
  const model = inspectModel(s.model);
  const input = buildMessages(variant, s.prompt).map(chat);
  const ok = call.status === 'ok' && call.raw !== null;
  const reply = { content: call.raw ?? '', source: 'generate', role: 'assistant', tool_calls: null };
  const lastError = call.errors.at(-1) ?? 'the call failed after every retry';
  const { reply: _reply, ...metadata } = s.row;
  return {
    id: variant.id,
    epoch: 1,
    input,
    choices: Object.values(variant.options),
    target: variant.answer,
    sandbox: null,
    files: null,
    setup: null,
    messages: ok ? [...input, reply] : input,
    output: {
      model,
      choices: ok ? [{ message: reply, stop_reason: stopReason(call), logprobs: null }] : [],
      usage: ok ? usageOf(call.inputTokens, call.outputTokens) : null,
      time: call.latencyMs === null ? null : call.latencyMs / 1000,
      metadata: call.letterProbs ? { letter_probs: call.letterProbs } : null,
      error: ok ? null : lastError,
    },
    scores: scored
      ? {
          [SCORER]: {
            value: scored.correct ? 'C' : 'I',
            answer: scored.letter,
            explanation: scored.letter
              ? `answered ${scored.letter} (read as ${scored.method}); gold ${scored.goldLetter}`
              : `no option could be read from the reply; gold ${scored.goldLetter}`,
            metadata: { answer_text: scored.answerText, gold_text: scored.goldText, parse_method: scored.method },
          },
        }
      : null,
    metadata,
    store: {},
    events: [],
    model_usage: ok ? { [model]: usageOf(call.inputTokens, call.outputTokens) } : {},
    error: ok ? null : { message: lastError, traceback: call.errors.join('\n'), traceback_ansi: call.errors.join('\n') },
    attachments: {},
    limit: null,
  };
}
