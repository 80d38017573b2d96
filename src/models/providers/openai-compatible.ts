import { ProviderError } from '../errors.js';
import { openAIRateLimit, postChat } from '../rate-limit-headers.js';
import { httpOptions, type ProviderDefinition } from '../provider-definition.js';
import { capReply, type ChatRequest, type ChatResponse, type Provider } from '../types.js';

/** Any server speaking the chat-completions protocol at a baseUrl the config gives. */
export const openAICompatible: ProviderDefinition = {
  name: 'openai-compatible',
  preset: { keyRequired: false },
  check(m, problem) {
    if (!m.baseUrl && !m.baseUrls) problem('baseUrl', 'openai-compatible models need a baseUrl, e.g. http://127.0.0.1:8000/v1 (or baseUrls)');
  },
  replicas: true,
  shorthand: {
    form: 'openai-compatible:NAME@http://host:port/v1',
    parse(rest) {
      const at = rest.indexOf('@');
      if (at <= 0) throw new Error('write openai-compatible:NAME@http://host:port/v1');
      return { id: rest.slice(0, at), model: rest.slice(0, at), baseUrl: rest.slice(at + 1) };
    },
  },
  create: (m, init) => openAICompatibleProvider(httpOptions(m, init)),
};

export interface OpenAICompatibleOptions {
  id: string;
  baseUrl: string;
  model: string;
  apiKey?: string;
  timeoutMs: number;
  headers?: Record<string, string>;
  /** OpenAI's own API wants `max_completion_tokens`; most servers want `max_tokens`. */
  maxTokensField?: 'max_tokens' | 'max_completion_tokens';
  maxConcurrency?: number;
}

/** The chat-completions protocol: vLLM, llama.cpp server, LM Studio, Ollama, OpenAI. */
export function openAICompatibleProvider(o: OpenAICompatibleOptions): Provider {
  const url = `${o.baseUrl.replace(/\/+$/, '')}/chat/completions`;
  const headers: Record<string, string> = { ...o.headers };
  if (o.apiKey) headers.authorization = `Bearer ${o.apiKey}`;
  return {
    id: o.id,
    maxConcurrency: o.maxConcurrency,
    async complete(req: ChatRequest): Promise<ChatResponse> {
      return postChat(
        openAIRateLimit,
        {
          url,
          headers,
          timeoutMs: o.timeoutMs,
          signal: req.signal,
          secrets: o.apiKey ? [o.apiKey] : [],
          body: { model: o.model, messages: req.messages, temperature: req.temperature, [o.maxTokensField ?? 'max_tokens']: req.maxTokens },
        },
        readCompletion,
      );
    },
  };
}

/** A chat completion's reply (live, or one line of a batch's output). */
export function readCompletion(body: unknown): ChatResponse {
  const b = body as {
    choices?: { message?: { content?: unknown }; finish_reason?: unknown }[];
    usage?: { prompt_tokens?: unknown; completion_tokens?: unknown };
  };
  const choice = Array.isArray(b?.choices) ? b.choices[0] : undefined;
  if (!choice || typeof choice !== 'object') throw new ProviderError('malformed', 'reply has no choices', { retryable: true });
  const content = choice.message?.content;
  if (content !== null && content !== undefined && typeof content !== 'string') {
    throw new ProviderError('malformed', 'reply message content is not text', { retryable: true });
  }
  const { text, truncated } = capReply(content ?? '');
  return {
    text,
    truncated,
    inputTokens: num(b.usage?.prompt_tokens),
    outputTokens: num(b.usage?.completion_tokens),
    finishReason: typeof choice.finish_reason === 'string' ? choice.finish_reason : null,
  };
}

function num(x: unknown): number | null {
  return typeof x === 'number' && Number.isFinite(x) ? x : null;
}
