import { ProviderError } from '../errors.js';
import { anthropicRateLimit, postChat } from '../rate-limit-headers.js';
import { httpOptions, modelShorthand, type ProviderDefinition } from '../provider-definition.js';
import { BATCH_OPTIONS, DEFAULT_BATCH } from '../batch.js';
import { anthropicBatchClient } from './anthropic-batch.js';
import { capReply, type ChatRequest, type ChatResponse, type Provider } from '../types.js';

/** Anthropic's Messages API. */
export const anthropic: ProviderDefinition<typeof BATCH_OPTIONS> = {
  name: 'anthropic',
  preset: { baseUrl: 'https://api.anthropic.com', keyEnv: 'ANTHROPIC_API_KEY', keyRequired: true },
  options: BATCH_OPTIONS,
  replicas: true,
  shorthand: modelShorthand('anthropic'),
  batch: {
    price: {
      multiplier: 0.5,
      date: '2026-11-30',
      source: 'https://docs.anthropic.com/en/docs/build-with-claude/batch-processing (50% off input and output)',
    },
    mode: (m) => m.mode ?? 'live',
  },
  create(m, init) {
    const live = anthropicProvider(httpOptions(m, init));
    return m.mode === 'batch' ? { ...live, batch: anthropicBatchClient(httpOptions(m, init)), batchSettings: { ...DEFAULT_BATCH, ...m.batch } } : live;
  },
};

export interface AnthropicOptions {
  id: string;
  baseUrl: string;
  model: string;
  apiKey?: string;
  timeoutMs: number;
  headers?: Record<string, string>;
  maxConcurrency?: number;
}

/** Anthropic's Messages API; the system prompt travels outside the messages. */
export function anthropicProvider(o: AnthropicOptions): Provider {
  const url = `${o.baseUrl.replace(/\/+$/, '')}/v1/messages`;
  const headers: Record<string, string> = { 'anthropic-version': '2023-06-01', ...o.headers };
  if (o.apiKey) headers['x-api-key'] = o.apiKey;
  return {
    id: o.id,
    maxConcurrency: o.maxConcurrency,
    async complete(req: ChatRequest): Promise<ChatResponse> {
      return postChat(
        (header) => anthropicRateLimit(header),
        { url, headers, timeoutMs: o.timeoutMs, signal: req.signal, secrets: o.apiKey ? [o.apiKey] : [], body: messageParams(o.model, req) },
        readMessage,
      );
    },
  };
}

/** The Messages API's request body (live, or a batch item's params): the system prompt travels outside the messages. */
export function messageParams(model: string, req: Omit<ChatRequest, 'signal'>): Record<string, unknown> {
  const system = req.messages
    .filter((m) => m.role === 'system')
    .map((m) => m.content)
    .join('\n\n');
  const messages = req.messages.filter((m) => m.role !== 'system');
  return { model, max_tokens: req.maxTokens, temperature: req.temperature, ...(system ? { system } : {}), messages };
}

/** A message's reply (live, or a batch result's message). */
export function readMessage(body: unknown): ChatResponse {
  const b = body as { content?: { type?: string; text?: unknown }[]; usage?: { input_tokens?: unknown; output_tokens?: unknown }; stop_reason?: unknown };
  if (!Array.isArray(b?.content)) throw new ProviderError('malformed', 'reply has no content array', { retryable: true });
  const joined = b.content
    .filter((p) => p?.type === 'text' && typeof p.text === 'string')
    .map((p) => p.text as string)
    .join('');
  const { text, truncated } = capReply(joined);
  return {
    text,
    truncated,
    inputTokens: typeof b.usage?.input_tokens === 'number' ? b.usage.input_tokens : null,
    outputTokens: typeof b.usage?.output_tokens === 'number' ? b.usage.output_tokens : null,
    finishReason: typeof b.stop_reason === 'string' ? b.stop_reason : null,
  };
}
