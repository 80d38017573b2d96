export interface ChatMessage {
  role: 'system' | 'user';
  content: string;
}

export interface ChatRequest {
  messages: ChatMessage[];
  temperature: number;
  maxTokens: number;
  /** Aborts the attempt (timeout or user interrupt). */
  signal: AbortSignal;
}

export interface ChatResponse {
  text: string;
  inputTokens: number | null;
  outputTokens: number | null;
  finishReason: string | null;
  /** The reply was longer than the cap and was cut. */
  truncated: boolean;
}

/** One model behind one interface: request in, text plus usage out. Knows nothing of probes. */
export interface Provider {
  readonly id: string;
  /** Calls this many at once at most (the model's own limit). */
  readonly maxConcurrency?: number;
  complete(req: ChatRequest): Promise<ChatResponse>;
  close?(): Promise<void>;
}

/** Replies longer than this are cut and marked truncated. */
export const MAX_REPLY_CHARS = 100_000;

export function capReply(text: string): { text: string; truncated: boolean } {
  return text.length > MAX_REPLY_CHARS ? { text: text.slice(0, MAX_REPLY_CHARS), truncated: true } : { text, truncated: false };
}
