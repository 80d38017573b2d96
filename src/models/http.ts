import { ProviderError, parseRetryAfter } from './errors.js';

export interface PostJsonOptions {
  url: string;
  headers: Record<string, string>;
  body: unknown;
  timeoutMs: number;
  signal: AbortSignal;
  /** Secrets to scrub from any error text. */
  secrets: readonly string[];
  /** Called once per attempt that got a response (429 and 5xx too), before the body is parsed: rate-limit headers are read here. */
  onResponse?: (status: number, header: (name: string) => string | null) => void;
}

const RETRYABLE_STATUS = new Set([408, 409, 425, 429, 500, 502, 503, 504, 520, 522, 524, 529]);
const MAX_BODY_BYTES = 8 * 1024 * 1024;

/**
 * One POST attempt. Network errors, timeouts, 429, 5xx and unparseable bodies
 * are retryable; other 4xx are not (a bad key or request will not heal).
 */
export async function postJson(opts: PostJsonOptions): Promise<unknown> {
  // One controller per attempt, aborted by the timer or the run's signal. Cheaper
  // than AbortSignal.timeout + AbortSignal.any, which cost a lot per request on Node 20.
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, opts.timeoutMs);
  const interrupt = () => controller.abort();
  if (opts.signal.aborted) controller.abort();
  else opts.signal.addEventListener('abort', interrupt, { once: true });
  const scrub = (s: string) => opts.secrets.reduce((acc, k) => (k ? acc.split(k).join('***') : acc), s);
  let res: Response;
  let text: string;
  try {
    res = await fetch(opts.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...opts.headers },
      body: JSON.stringify(opts.body),
      signal: controller.signal,
    });
    const got = res;
    opts.onResponse?.(got.status, (name) => got.headers.get(name));
    text = await readCapped(res);
  } catch (err) {
    if (err instanceof ProviderError) throw err;
    if (opts.signal.aborted) throw new ProviderError('aborted', 'interrupted', { retryable: false, cause: err });
    if (timedOut) throw new ProviderError('timeout', `no complete reply within ${opts.timeoutMs} ms`, { retryable: true });
    const e = err as Error & { cause?: { code?: string; message?: string } };
    const detail = e.cause?.code ?? e.cause?.message ?? e.message;
    throw new ProviderError('network', scrub(`network error: ${detail}`), { retryable: true });
  } finally {
    clearTimeout(timer);
    opts.signal.removeEventListener('abort', interrupt);
  }
  if (!res.ok) {
    const retryable = RETRYABLE_STATUS.has(res.status);
    const hint = res.status === 401 || res.status === 403 ? ' (check the API key variable)' : res.status === 404 ? ' (check baseUrl and the model name)' : '';
    throw new ProviderError('http', scrub(`HTTP ${res.status}${hint}: ${text.slice(0, 300)}`), {
      retryable,
      status: res.status,
      retryAfterMs: parseRetryAfter(res.headers.get('retry-after')),
    });
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new ProviderError('malformed', scrub(`response body is not valid JSON (${text.length} bytes): ${text.slice(0, 120)}`), { retryable: true });
  }
}

const tooLarge = () => new ProviderError('malformed', `response body over ${MAX_BODY_BYTES} bytes`, { retryable: false });

async function readCapped(res: Response): Promise<string> {
  if (!res.body) return '';
  // A declared length within the cap is read in one go; otherwise the body is
  // streamed and cut off at the cap.
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared <= MAX_BODY_BYTES) {
    const buf = await res.arrayBuffer();
    if (buf.byteLength > MAX_BODY_BYTES) throw tooLarge();
    return Buffer.from(buf).toString('utf8');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > MAX_BODY_BYTES) throw tooLarge();
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks).toString('utf8');
}
