import { ProviderError } from '../errors.js';
import { postJson } from '../http.js';
import { anthropicRateLimit, postReadingLimits } from '../rate-limit-headers.js';
import { httpOptions, modelShorthand, type ProviderDefinition } from '../provider-definition.js';
import { capReply, type ChatRequest, type ChatResponse, type Provider } from '../types.js';

/** Anthropic's Messages API. */
export const anthropic: ProviderDefinition = {
  name: 'anthropic',
  preset: { baseUrl: 'https://api.anthropic.com', keyEnv: 'ANTHROPIC_API_KEY', keyRequired: true },
  shorthand: modelShorthand('anthropic'),
  create: (m, init) => anthropicProvider(httpOptions(m, init)),
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
      const system = req.messages
        .filter((m) => m.role === 'system')
        .map((m) => m.content)
        .join('\n\n');
      const messages = req.messages.filter((m) => m.role !== 'system');
      const { body, rateLimit } = await postReadingLimits(
        (header) => anthropicRateLimit(header),
        (onResponse) =>
          postJson({
            url,
            headers,
            timeoutMs: o.timeoutMs,
            signal: req.signal,
            secrets: o.apiKey ? [o.apiKey] : [],
            body: { model: o.model, max_tokens: req.maxTokens, temperature: req.temperature, ...(system ? { system } : {}), messages },
            onResponse,
          }),
      );
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
        ...(rateLimit ? { rateLimit } : {}),
      };
    },
  };
}
