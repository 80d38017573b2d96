import type { Agent, Dispatcher } from 'undici';
import { ProviderError } from './errors.js';

export const MAX_BODY_BYTES = 8 * 1024 * 1024;

export interface RawReply {
  status: number;
  header: (name: string) => string | null;
  text: string;
}

// One keep-alive pool per origin, shared by every call in the process, of at most `connections`
// connections (the run's concurrency): without a cap undici opens a new connection for a request
// dispatched while the reply before it is still being handed over, about two per call in flight.
// Loaded on the first call (start-up and local-only runs do not pay for it), and only the agent:
// undici's index loads mocks, fetch and more, about twice the cost.
let agent: { connections: number | null; pool: Promise<Agent> } | undefined;
let connections: number | null = null;

/** Caps the connections per origin at `n` (the run's concurrency) for the calls that follow; null lifts the cap. */
export function sizeHttpPool(n: number | null): void {
  connections = n === null ? null : Math.max(1, Math.floor(n));
}

const loadAgent = () => {
  if (agent?.connections !== connections) {
    const old = agent?.pool;
    agent = {
      connections,
      pool: import('undici/lib/dispatcher/agent.js').then(
        // The run's own timer bounds each attempt; undici's 300 s defaults would cut a longer one short.
        ({ default: AgentClass }) => new AgentClass({ headersTimeout: 0, bodyTimeout: 0, connections }),
      ),
    };
    // Calls already dispatched on the old pool finish there.
    void old?.then((a) => a.close()).catch(() => undefined);
  }
  return agent.pool;
};

const targets = new Map<string, { origin: string; path: string }>();
function target(url: string) {
  let t = targets.get(url);
  if (!t) {
    const u = new URL(url);
    t = { origin: u.origin, path: `${u.pathname}${u.search}` };
    targets.set(url, t);
  }
  return t;
}

export const tooLarge = () => new ProviderError('malformed', `response body over ${MAX_BODY_BYTES} bytes`, { retryable: false });

/**
 * One POST through the pool: undici's dispatcher with a handler that gathers the body, so no
 * Request/Response objects or streams are made per call. `stop` aborts the request in whatever
 * state it is (queued, sending or reading). A body past the cap is cut off, not read whole.
 */
export async function dispatchPost(
  url: string,
  headers: Record<string, string>,
  body: string,
  abortWith: (stop: (reason: Error) => void) => void,
  onStart?: (status: number, header: (name: string) => string | null) => void,
): Promise<RawReply> {
  const pool = await loadAgent();
  const { origin, path } = target(url);
  return new Promise<RawReply>((resolve, reject) => {
    let controller: Dispatcher.DispatchController | undefined;
    let pending: Error | undefined;
    let status = 0;
    let responseHeaders: Record<string, string | string[] | undefined> = {};
    const header = (name: string) => headerValue(responseHeaders[name.toLowerCase()]);
    const chunks: Buffer[] = [];
    let size = 0;
    abortWith((reason) => {
      if (controller) controller.abort(reason);
      else pending ??= reason;
    });
    const handler: Dispatcher.DispatchHandler = {
      onRequestStart(c) {
        controller = c;
        if (pending) c.abort(pending);
      },
      onResponseStart(c, statusCode, h) {
        status = statusCode;
        responseHeaders = h;
        try {
          onStart?.(statusCode, header);
        } catch (err) {
          return c.abort(err as Error);
        }
        const declared = Number(h['content-length']);
        if (declared > MAX_BODY_BYTES) c.abort(tooLarge());
      },
      onResponseData(c, chunk) {
        size += chunk.byteLength;
        if (size > MAX_BODY_BYTES) c.abort(tooLarge());
        else chunks.push(chunk);
      },
      onResponseEnd() {
        const text = chunks.length === 1 ? chunks[0].toString('utf8') : Buffer.concat(chunks).toString('utf8');
        resolve({ status, header, text });
      },
      onResponseError(_c, err) {
        reject(err);
      },
    };
    pool.dispatch({ origin, path, method: 'POST', headers, body }, handler);
  });
}

function headerValue(v: string | string[] | undefined): string | null {
  if (v === undefined) return null;
  return Array.isArray(v) ? v.join(', ') : v;
}
