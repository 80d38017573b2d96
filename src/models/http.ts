import { ProviderError, parseRetryAfter } from './errors.js';
import { dispatchPost, type RawReply } from './http-pool.js';

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

/**
 * One POST attempt. Network errors, timeouts, 429, 5xx and unparseable bodies
 * are retryable; other 4xx are not (a bad key or request will not heal).
 */
export async function postJson(opts: PostJsonOptions): Promise<unknown> {
  const scrub = (s: string) => opts.secrets.reduce((acc, k) => (k ? acc.split(k).join('***') : acc), s);
  if (opts.signal.aborted) throw new ProviderError('aborted', 'interrupted', { retryable: false });
  // One timer per attempt, and a listener on the run's signal; either stops the request where it is.
  let early: Error | undefined;
  let stop = (reason: Error) => {
    early ??= reason;
  };
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    stop(new Error('timeout'));
  }, opts.timeoutMs);
  const interrupt = () => stop(new Error('interrupted'));
  opts.signal.addEventListener('abort', interrupt, { once: true });
  let res: RawReply;
  try {
    const headers = { 'content-type': 'application/json', ...opts.headers };
    res = await dispatchPost(
      opts.url,
      headers,
      JSON.stringify(opts.body),
      (s) => {
        stop = s;
        if (early) s(early);
      },
      opts.onResponse,
    );
  } catch (err) {
    if (err instanceof ProviderError) throw err;
    if (opts.signal.aborted) throw new ProviderError('aborted', 'interrupted', { retryable: false, cause: err });
    if (timedOut) throw new ProviderError('timeout', `no complete reply within ${opts.timeoutMs} ms`, { retryable: true });
    const e = err as Error & { code?: string; cause?: { code?: string; message?: string } };
    const detail = e.code ?? e.cause?.code ?? e.cause?.message ?? e.message;
    throw new ProviderError('network', scrub(`network error: ${detail}`), { retryable: true });
  } finally {
    clearTimeout(timer);
    opts.signal.removeEventListener('abort', interrupt);
  }
  const { status, text } = res;
  if (status < 200 || status > 299) {
    const retryable = RETRYABLE_STATUS.has(status);
    const hint = status === 401 || status === 403 ? ' (check the API key variable)' : status === 404 ? ' (check baseUrl and the model name)' : '';
    throw new ProviderError('http', scrub(`HTTP ${status}${hint}: ${text.slice(0, 300)}`), {
      retryable,
      status,
      retryAfterMs: parseRetryAfter(res.header('retry-after')),
    });
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new ProviderError('malformed', scrub(`response body is not valid JSON (${text.length} bytes): ${text.slice(0, 120)}`), { retryable: true });
  }
}
