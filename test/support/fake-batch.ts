import type { IncomingMessage, ServerResponse } from 'node:http';
import { listenLoopback } from './loopback.js';

/**
 * A real HTTP server on 127.0.0.1 speaking OpenAI's files and batches
 * protocol and Anthropic's message-batches protocol (create, retrieve, list
 * newest first, results; OpenAI's file delete), plus both live endpoints
 * (for items retried live). Batches end once polled `pollsToEnd` times (or
 * when `release()` is called while `hold` is set).
 */
export interface FakeBatchOptions {
  protocol: 'openai' | 'anthropic';
  answer: (userText: string) => string;
  pollsToEnd?: number;
  /** Batches stay in progress until release(). */
  hold?: boolean;
  /** The first batch expires with only its first half done. */
  expireFirstHalfDone?: boolean;
  /**
   * The first create request is held `ms` before its reply. `made: 'before'`:
   * the batch exists (and is billed) from the moment the request arrives, only
   * its reply is late; `'after'`: it is made at the end of the wait, and not at
   * all if the client has gone by then.
   */
  slowCreate?: { ms: number; made: 'before' | 'after' };
  /** The first create makes its batch, then the connection drops without a reply. */
  dropCreateReply?: boolean;
  /** Another client's batch, of the same size, is created just before the first create of ours (its custom ids are not ours). */
  strangerBeforeCreate?: boolean;
  /** Batches per page of the list endpoints at most (they honour `limit` up to this). */
  pageSize?: number;
}

export interface FakeBatch {
  url: string;
  /** Batches created for masld (what the user pays for). */
  created: number;
  /** Create requests received. */
  createRequests: number;
  polls: number;
  /** Live calls (chat completions or messages). */
  liveCalls: number;
  /** Items answered inside batches. */
  batchItems: number;
  /** Requests to the list endpoint. */
  lists: number;
  /** Ids of files deleted (OpenAI), in order. */
  deletedFiles: string[];
  /** Input file id of each batch created (OpenAI), by batch id. */
  inputFiles: Record<string, string>;
  /** The metadata each batch was created with (OpenAI), by batch id. */
  metadata: Record<string, unknown>;
  release(): void;
  close(): Promise<void>;
}

interface Batch {
  id: string;
  items: { customId: string; body: Record<string, unknown> }[];
  polls: number;
  results: string[] | null;
  errors: string[];
  expire: boolean;
  createdAt: number;
  inputFileId?: string;
  metadata?: unknown;
  /** Another client's: its answers all say they are a stranger's. */
  stranger?: boolean;
}

const userText = (body: Record<string, unknown>) =>
  ((body.messages as { role: string; content: string }[]) ?? [])
    .filter((m) => m.role === 'user')
    .map((m) => m.content)
    .join('\n');

export async function startFakeBatch(o: FakeBatchOptions): Promise<FakeBatch> {
  const files = new Map<string, string>();
  const batches = new Map<string, Batch>();
  let held = o.hold ?? false;
  const state: FakeBatch = {
    url: '',
    created: 0,
    createRequests: 0,
    polls: 0,
    liveCalls: 0,
    batchItems: 0,
    lists: 0,
    deletedFiles: [],
    inputFiles: {},
    metadata: {},
    release: () => (held = false),
    close: async () => {},
  };
  let base = '';
  let strangers = 0;
  const timers = new Set<NodeJS.Timeout>();
  const wait = (ms: number) =>
    new Promise<void>((r) => {
      const t = setTimeout(() => {
        timers.delete(t);
        r();
      }, ms);
      timers.add(t);
    });

  const reply = (text: string, body: Record<string, unknown>) => {
    const input = Math.ceil(userText(body).length / 4);
    const output = Math.ceil(text.length / 4);
    return o.protocol === 'anthropic'
      ? {
          id: 'msg',
          type: 'message',
          role: 'assistant',
          content: [{ type: 'text', text }],
          stop_reason: 'end_turn',
          usage: { input_tokens: input, output_tokens: output },
        }
      : {
          id: 'c',
          object: 'chat.completion',
          choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
          usage: { prompt_tokens: input, completion_tokens: output },
        };
  };

  const settle = (b: Batch) => {
    if (b.results) return;
    const cut = b.expire ? Math.ceil(b.items.length / 2) : b.items.length;
    b.results = [];
    b.items.forEach((it, i) => {
      if (i < cut) {
        if (!b.stranger) state.batchItems++;
        const r = reply(b.stranger ? '{"answer": "D", "from": "a stranger"}' : o.answer(userText(it.body)), it.body);
        b.results!.push(
          JSON.stringify(
            o.protocol === 'anthropic'
              ? { custom_id: it.customId, result: { type: 'succeeded', message: r } }
              : { id: `req_${i}`, custom_id: it.customId, response: { status_code: 200, request_id: 'r', body: r }, error: null },
          ),
        );
      } else if (o.protocol === 'anthropic') b.results!.push(JSON.stringify({ custom_id: it.customId, result: { type: 'expired' } }));
      else
        b.errors.push(
          JSON.stringify({
            id: `req_${i}`,
            custom_id: it.customId,
            response: null,
            error: { code: 'batch_expired', message: 'This request could not be executed before the completion window expired.' },
          }),
        );
    });
  };

  const view = (b: Batch) => {
    const ended = b.results !== null;
    const ok = ended ? b.results!.filter((l) => !l.includes('"expired"')).length : 0;
    const failed = ended ? b.items.length - ok : 0;
    if (o.protocol === 'anthropic')
      return {
        id: b.id,
        type: 'message_batch',
        created_at: new Date(b.createdAt).toISOString(),
        processing_status: ended ? 'ended' : 'in_progress',
        request_counts: { processing: ended ? 0 : b.items.length, succeeded: ok, errored: 0, canceled: 0, expired: failed },
        results_url: ended ? `${base}/v1/messages/batches/${b.id}/results` : null,
      };
    return {
      id: b.id,
      object: 'batch',
      created_at: Math.floor(b.createdAt / 1000),
      input_file_id: b.inputFileId,
      metadata: b.metadata ?? null,
      status: ended ? (b.expire ? 'expired' : 'completed') : 'in_progress',
      request_counts: { total: b.items.length, completed: ok, failed },
      output_file_id: ended ? `${b.id}-out` : null,
      error_file_id: ended && b.errors.length ? `${b.id}-err` : null,
    };
  };

  const poll = (b: Batch) => {
    state.polls++;
    b.polls++;
    if (!held && b.polls >= (o.pollsToEnd ?? 2)) settle(b);
    return view(b);
  };

  /** Newest first, `limit` (capped at pageSize) after the cursor, in both protocols' shapes. */
  const list = (query: URLSearchParams) => {
    state.lists++;
    const all = [...batches.values()].reverse();
    const cursor = query.get(o.protocol === 'openai' ? 'after' : 'after_id');
    const from = cursor ? all.findIndex((b) => b.id === cursor) + 1 : 0;
    const limit = Math.min(Number(query.get('limit') ?? 20), o.pageSize ?? 100);
    const page = all.slice(from, from + limit);
    const ends = { first_id: page[0]?.id ?? null, last_id: page.at(-1)?.id ?? null, has_more: from + limit < all.length };
    return o.protocol === 'openai' ? { object: 'list', data: page.map(view), ...ends } : { data: page.map(view), ...ends };
  };

  const newBatch = (items: Batch['items'], extra: Partial<Batch>) => {
    const b: Batch = {
      id: `batch_${++state.created}`,
      items,
      polls: 0,
      results: null,
      errors: [],
      expire: !!o.expireFirstHalfDone && state.created === 1,
      createdAt: Date.now(),
      ...extra,
    };
    batches.set(b.id, b);
    if (b.inputFileId) state.inputFiles[b.id] = b.inputFileId;
    if (b.metadata !== undefined) state.metadata[b.id] = b.metadata;
    return b;
  };

  /** The create endpoints: the first create may be slow, lose its reply, or follow a stranger's. */
  const create = async (req: IncomingMessage, res: ServerResponse, items: Batch['items'], extra: Partial<Batch> = {}) => {
    const first = ++state.createRequests === 1;
    if (first && o.strangerBeforeCreate) {
      const id = `stranger_${++strangers}`;
      const mine = items.map((it, i) => ({ ...it, customId: `request-${i}` }));
      batches.set(id, { id, items: mine, polls: 0, results: null, errors: [], expire: false, createdAt: Date.now() - 1, stranger: true });
    }
    const slow = first ? o.slowCreate : undefined;
    let b = !slow || slow.made === 'before' ? newBatch(items, extra) : undefined;
    if (slow) {
      await wait(slow.ms);
      // A client killed during the wait: the request never got as far as making a batch.
      if (!b && (res.destroyed || req.socket.destroyed)) return;
      b ??= newBatch(items, extra);
    }
    if (first && o.dropCreateReply) return req.socket.destroy();
    if (!res.destroyed) res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(view(b!)));
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const json = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    const [url, search] = (req.url ?? '').split('?') as [string, string | undefined];
    const query = new URLSearchParams(search ?? '');
    let m: RegExpExecArray | null;
    if (req.method === 'POST' && (url === '/v1/chat/completions' || url === '/v1/messages')) {
      state.liveCalls++;
      const body = JSON.parse(raw);
      return json(200, reply(o.answer(userText(body)), body));
    }
    if (o.protocol === 'openai') {
      if (req.method === 'POST' && url === '/v1/files') {
        // multipart/form-data: the file part is the JSONL between its headers and the closing boundary.
        const boundary = /boundary=(.+)$/.exec(req.headers['content-type'] ?? '')?.[1];
        const part = raw.split(`--${boundary}`).find((p) => p.includes('filename='));
        if (!boundary || !part || !raw.includes('name="purpose"')) return json(400, { error: { message: 'bad upload' } });
        const id = `file-${files.size + 1}`;
        files.set(id, part.slice(part.indexOf('\r\n\r\n') + 4).replace(/\r\n$/, ''));
        return json(200, { id, object: 'file', purpose: 'batch' });
      }
      if (req.method === 'POST' && url === '/v1/batches') {
        const body = JSON.parse(raw);
        if (body.endpoint !== '/v1/chat/completions' || body.completion_window !== '24h' || !files.has(body.input_file_id))
          return json(400, { error: { message: 'bad batch' } });
        const lines = files
          .get(body.input_file_id)!
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l));
        const items = lines.map((l) => ({ customId: l.custom_id, body: l.body }));
        return create(req, res, items, { inputFileId: body.input_file_id, metadata: body.metadata });
      }
      if (req.method === 'GET' && url === '/v1/batches') return json(200, list(query));
      // A batch's output and error files ("batch_1-out") can be deleted once it has ended, like the uploads.
      const written = (f: string) => /^(.+)-(?:out|err)$/.exec(f)?.[1];
      if (req.method === 'DELETE' && (m = /^\/v1\/files\/([^/]+)$/.exec(url)) && (files.has(m[1]) || batches.get(written(m[1]) ?? '')?.results)) {
        files.delete(m[1]);
        state.deletedFiles.push(m[1]);
        return json(200, { id: m[1], object: 'file', deleted: true });
      }
      if (req.method === 'GET' && (m = /^\/v1\/batches\/([^/]+)$/.exec(url)) && batches.has(m[1])) return json(200, poll(batches.get(m[1])!));
      if (req.method === 'GET' && (m = /^\/v1\/files\/(.+)-(out|err)\/content$/.exec(url)) && batches.get(m[1])?.results) {
        const b = batches.get(m[1])!;
        return res.writeHead(200, { 'content-type': 'application/jsonl' }).end(`${(m[2] === 'out' ? b.results! : b.errors).join('\n')}\n`);
      }
    } else {
      if (req.method === 'POST' && url === '/v1/messages/batches') {
        const body = JSON.parse(raw) as { requests: { custom_id: string; params: Record<string, unknown> }[] };
        if (!body.requests.every((r) => /^[a-zA-Z0-9_-]{1,64}$/.test(r.custom_id))) return json(400, { error: { message: 'bad custom_id' } });
        return create(
          req,
          res,
          body.requests.map((r) => ({ customId: r.custom_id, body: r.params })),
        );
      }
      if (req.method === 'GET' && url === '/v1/messages/batches') return json(200, list(query));
      if (req.method === 'GET' && (m = /^\/v1\/messages\/batches\/([^/]+)$/.exec(url)) && batches.has(m[1])) return json(200, poll(batches.get(m[1])!));
      if (req.method === 'GET' && (m = /^\/v1\/messages\/batches\/([^/]+)\/results$/.exec(url)) && batches.get(m[1])?.results)
        return res.writeHead(200, { 'content-type': 'application/binary' }).end(`${batches.get(m[1])!.results!.join('\n')}\n`);
    }
    json(404, { error: { message: `no route ${req.method} ${url}` } });
  };

  const server = await listenLoopback(handle, timers);
  base = server.base;
  state.url = o.protocol === 'openai' ? `${base}/v1` : base;
  state.close = server.close;
  return state;
}
