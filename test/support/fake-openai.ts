import type { IncomingMessage, ServerResponse } from 'node:http';
import { listenLoopback } from './loopback.js';

/** The kinds of fault the server can inject, each on a share of requests. */
export type Fault = 'http500' | 'http503' | 'http429' | 'http429RetryAfter' | 'reset' | 'hang' | 'trickle' | 'truncated' | 'emptyChoices' | 'wrongFormat';

export interface FakeOpenAIOptions {
  /** Reply text for a prompt (the user message). Deterministic policies make attribution checkable. */
  answer: (userText: string, body: ChatBody) => string;
  /** Share of requests that get a fault, and which faults (cycled deterministically). */
  faultRate?: number;
  faults?: Fault[];
  /** Fixed latency before answering. */
  latencyMs?: number;
  /** Awaited before each reply is sent: lets a test hold the replies while it does something beside a running audit. */
  hold?: () => Promise<void>;
  /** Expected bearer token; requests without it get 401. */
  apiKey?: string;
  /** Protocol: OpenAI chat completions (default) or Anthropic messages. */
  protocol?: 'openai' | 'anthropic';
  /** Decides one request's reply before any random fault; undefined answers normally. */
  script?: (ctx: ScriptContext) => Scripted | undefined;
  /** A rate limit: a token bucket of `burst` requests refilled at `perMinute`; past it, 429 with Retry-After. */
  bucket?: RateBucket;
}

export interface RateBucket {
  burst: number;
  perMinute: number;
  /** Also send the protocol's rate-limit headers (x-ratelimit-* or anthropic-ratelimit-*) on every reply. */
  headers?: boolean;
}

/** What a script sees of one request. */
export interface ScriptContext {
  /** Request number on this server, from 0. */
  n: number;
  userText: string;
  body: ChatBody;
  /** Earlier requests with the same user text: 0 on a call's first attempt. */
  attempt: number;
}

/** A fault, or an exact reply: status, headers and body. */
export type Scripted = Fault | { status: number; headers?: Record<string, string>; body?: string | Buffer };

/** One request as the server saw it. */
export interface RequestLog {
  /** performance.now() when the request arrived (same clock as the client in tests). */
  at: number;
  userText: string;
  /** Status sent, or null for a reset, hang or trickle. */
  status: number | null;
  /** The request body as parsed. */
  body?: ChatBody;
}

export interface ChatBody {
  model: string;
  messages?: { role: string; content: string }[];
  system?: string;
  temperature?: number;
  max_tokens?: number;
}

export interface FakeOpenAI {
  url: string;
  /** Requests received, faulty ones included. */
  requests: number;
  /** Successful replies per user text. */
  answered: Map<string, number>;
  faultsServed: number;
  /** 429s the bucket answered. */
  rateLimited: number;
  /** Every request that reached the protocol's path, in arrival order. */
  log: RequestLog[];
  close(): Promise<void>;
}

/**
 * A real HTTP server on 127.0.0.1 speaking the provider's protocol, with
 * faults injected at the network edge. Used by tests and benchmarks.
 */
export async function startFakeOpenAI(o: FakeOpenAIOptions): Promise<FakeOpenAI> {
  const timers = new Set<NodeJS.Timeout>();
  const state: FakeOpenAI = { url: '', requests: 0, answered: new Map(), faultsServed: 0, rateLimited: 0, log: [], close: async () => {} };
  const bucket = o.bucket ? bucketLimiter(o.bucket, o.protocol ?? 'openai') : null;
  let counter = 0;
  const faults = o.faults ?? [];
  const attempts = new Map<string, number>();

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const arrived = performance.now();
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    state.requests++;
    const n = counter++;
    const path = o.protocol === 'anthropic' ? '/v1/messages' : '/v1/chat/completions';
    if (req.method !== 'POST' || req.url !== path) {
      res.writeHead(404).end('not found');
      return;
    }
    if (o.apiKey) {
      const got = o.protocol === 'anthropic' ? req.headers['x-api-key'] : req.headers.authorization?.replace(/^Bearer /, '');
      if (got !== o.apiKey) {
        res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":{"message":"bad key"}}');
        return;
      }
    }
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ChatBody;
    const userText = (body.messages ?? [])
      .filter((m) => m.role === 'user')
      .map((m) => m.content)
      .join('\n');
    const entry: RequestLog = { at: arrived, userText, status: 200, body };
    state.log.push(entry);
    const limit = bucket?.take(performance.now());
    if (limit?.refused) {
      state.rateLimited++;
      entry.status = 429;
      res.writeHead(429, { 'content-type': 'application/json', ...limit.headers }).end('{"error":{"message":"rate limited"}}');
      return;
    }
    const attempt = attempts.get(userText) ?? 0;
    attempts.set(userText, attempt + 1);
    const scripted = o.script?.({ n, userText, body, attempt });
    if (typeof scripted === 'string') {
      entry.status = FAULT_STATUS[scripted];
      if (serveFault(scripted, req, res, timers)) return;
    } else if (scripted) {
      entry.status = scripted.status;
      res.writeHead(scripted.status, { 'content-type': 'application/json', ...scripted.headers }).end(scripted.body ?? '');
      return;
    }
    // Deterministic fault schedule: a fixed pseudo-random sequence over request numbers.
    const isFault = faults.length > 0 && o.faultRate && fract(Math.sin(n * 12.9898 + 78.233) * 43758.5453) < o.faultRate;
    if (isFault) {
      state.faultsServed++;
      const fault = faults[n % faults.length];
      entry.status = FAULT_STATUS[fault];
      if (serveFault(fault, req, res, timers)) return;
    }
    if (o.latencyMs)
      await new Promise((r) => {
        const t = setTimeout(r, o.latencyMs);
        timers.add(t);
      });
    if (o.hold) await o.hold();
    let text: string;
    try {
      text = o.answer(userText, body);
    } catch (err) {
      entry.status = 500;
      throw err;
    }
    state.answered.set(userText, (state.answered.get(userText) ?? 0) + 1);
    const payload =
      o.protocol === 'anthropic'
        ? {
            id: `msg_${n}`,
            type: 'message',
            role: 'assistant',
            content: [{ type: 'text', text }],
            stop_reason: 'end_turn',
            usage: { input_tokens: Math.ceil(userText.length / 4), output_tokens: Math.ceil(text.length / 4) },
          }
        : {
            id: `c${n}`,
            object: 'chat.completion',
            model: body.model,
            choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
            usage: { prompt_tokens: Math.ceil(userText.length / 4), completion_tokens: Math.ceil(text.length / 4), total_tokens: 0 },
          };
    res.writeHead(200, { 'content-type': 'application/json', ...limit?.headers }).end(JSON.stringify(payload));
  };

  const server = await listenLoopback(handle, timers);
  state.url = o.protocol === 'anthropic' ? server.base : `${server.base}/v1`;
  state.close = server.close;
  return state;
}

const fract = (x: number) => x - Math.floor(x);

/** A token bucket, and the headers each protocol would send with its state. */
function bucketLimiter(b: RateBucket, protocol: 'openai' | 'anthropic') {
  let tokens = b.burst;
  let filled = performance.now();
  return {
    take(now: number): { refused: boolean; headers: Record<string, string> } {
      tokens = Math.min(b.burst, tokens + ((now - filled) * b.perMinute) / 60_000);
      filled = now;
      const refused = tokens < 1;
      if (!refused) tokens--;
      const headers: Record<string, string> = {};
      if (refused) headers['retry-after'] = (((1 - tokens) * 60) / b.perMinute).toFixed(3);
      if (!b.headers) return { refused, headers };
      const resetMs = ((b.burst - tokens) * 60_000) / b.perMinute;
      if (protocol === 'anthropic') {
        headers['anthropic-ratelimit-requests-limit'] = String(b.perMinute);
        headers['anthropic-ratelimit-requests-remaining'] = String(Math.floor(tokens));
        headers['anthropic-ratelimit-requests-reset'] = new Date(Date.now() + resetMs).toISOString();
      } else {
        headers['x-ratelimit-limit-requests'] = String(b.perMinute);
        headers['x-ratelimit-remaining-requests'] = String(Math.floor(tokens));
        headers['x-ratelimit-reset-requests'] = `${Math.ceil(resetMs)}ms`;
      }
      return { refused, headers };
    },
  };
}

const FAULT_STATUS: Record<Fault, number | null> = {
  http500: 500,
  http503: 503,
  http429: 429,
  http429RetryAfter: 429,
  reset: null,
  hang: null,
  trickle: null,
  truncated: 200,
  emptyChoices: 200,
  wrongFormat: 200,
};

/** Returns true when the fault fully handled the response. */
function serveFault(fault: Fault, _req: IncomingMessage, res: ServerResponse, timers: Set<NodeJS.Timeout>): boolean {
  switch (fault) {
    case 'http500':
      res.writeHead(500).end('internal error');
      return true;
    case 'http503':
      res.writeHead(503).end('unavailable');
      return true;
    case 'http429':
      res.writeHead(429).end('{"error":"rate limited"}');
      return true;
    case 'http429RetryAfter':
      res.writeHead(429, { 'retry-after': '0.05' }).end('{"error":"rate limited"}');
      return true;
    case 'reset':
      res.socket?.destroy();
      return true;
    case 'hang':
      return true; // never answers; the client's timeout must fire
    case 'trickle': {
      res.writeHead(200, { 'content-type': 'application/json' });
      const t = setInterval(() => res.write(' '), 50);
      timers.add(t);
      res.on('close', () => clearInterval(t));
      return true;
    }
    case 'truncated':
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"x","choices":[{"message":{"content":"{\\"answ');
      return true;
    case 'emptyChoices':
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"x","choices":[]}');
      return true;
    case 'wrongFormat':
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"result":"ok"}');
      return true;
  }
}

/** Reads `A. text` lines from a prompt, as a model would. */
export function promptOptions(userText: string): { letter: string; text: string }[] {
  return userText
    .split('\n')
    .filter((l) => /^[A-J]\. /.test(l))
    .map((l) => ({ letter: l[0], text: l.slice(3) }));
}
