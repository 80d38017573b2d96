import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A real HTTP server on 127.0.0.1 speaking OpenAI's files and batches
 * protocol and Anthropic's message-batches protocol, plus both live
 * endpoints (for items retried live). Batches end once polled
 * `pollsToEnd` times (or when `release()` is called while `hold` is set).
 */
export interface FakeBatchOptions {
  protocol: 'openai' | 'anthropic';
  answer: (userText: string) => string;
  pollsToEnd?: number;
  /** Batches stay in progress until release(). */
  hold?: boolean;
  /** The first batch expires with only its first half done. */
  expireFirstHalfDone?: boolean;
}

export interface FakeBatch {
  url: string;
  /** Batches created (what the user pays for). */
  created: number;
  polls: number;
  /** Live calls (chat completions or messages). */
  liveCalls: number;
  /** Items answered inside batches. */
  batchItems: number;
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
}

const userText = (body: Record<string, unknown>) =>
  ((body.messages as { role: string; content: string }[]) ?? [])
    .filter((m) => m.role === 'user')
    .map((m) => m.content)
    .join('\n');

export async function startFakeBatch(o: FakeBatchOptions): Promise<FakeBatch> {
  const files = new Map<string, string>();
  const batches = new Map<string, Batch>();
  const sockets = new Set<Socket>();
  let held = o.hold ?? false;
  const state: FakeBatch = { url: '', created: 0, polls: 0, liveCalls: 0, batchItems: 0, release: () => (held = false), close: async () => {} };
  let base = '';

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
        state.batchItems++;
        const r = reply(o.answer(userText(it.body)), it.body);
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
        processing_status: ended ? 'ended' : 'in_progress',
        request_counts: { processing: ended ? 0 : b.items.length, succeeded: ok, errored: 0, canceled: 0, expired: failed },
        results_url: ended ? `${base}/v1/messages/batches/${b.id}/results` : null,
      };
    return {
      id: b.id,
      object: 'batch',
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

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const json = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    const url = req.url ?? '';
    const newBatch = (items: Batch['items']) => {
      const b: Batch = { id: `batch_${++state.created}`, items, polls: 0, results: null, errors: [], expire: !!o.expireFirstHalfDone && state.created === 1 };
      batches.set(b.id, b);
      return b;
    };
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
        return json(200, view(newBatch(lines.map((l) => ({ customId: l.custom_id, body: l.body })))));
      }
      if (req.method === 'GET' && (m = /^\/v1\/batches\/([^/]+)$/.exec(url)) && batches.has(m[1])) return json(200, poll(batches.get(m[1])!));
      if (req.method === 'GET' && (m = /^\/v1\/files\/(.+)-(out|err)\/content$/.exec(url)) && batches.get(m[1])?.results) {
        const b = batches.get(m[1])!;
        return res.writeHead(200, { 'content-type': 'application/jsonl' }).end(`${(m[2] === 'out' ? b.results! : b.errors).join('\n')}\n`);
      }
    } else {
      if (req.method === 'POST' && url === '/v1/messages/batches') {
        const body = JSON.parse(raw) as { requests: { custom_id: string; params: Record<string, unknown> }[] };
        return json(200, view(newBatch(body.requests.map((r) => ({ customId: r.custom_id, body: r.params })))));
      }
      if (req.method === 'GET' && (m = /^\/v1\/messages\/batches\/([^/]+)$/.exec(url)) && batches.has(m[1])) return json(200, poll(batches.get(m[1])!));
      if (req.method === 'GET' && (m = /^\/v1\/messages\/batches\/([^/]+)\/results$/.exec(url)) && batches.get(m[1])?.results)
        return res.writeHead(200, { 'content-type': 'application/binary' }).end(`${batches.get(m[1])!.results!.join('\n')}\n`);
    }
    json(404, { error: { message: `no route ${req.method} ${url}` } });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      if (!res.headersSent) res.writeHead(500).end(String(err));
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.url = o.protocol === 'openai' ? `${base}/v1` : base;
  state.close = () =>
    new Promise<void>((r) => {
      for (const s of sockets) s.destroy();
      server.close(() => r());
    });
  return state;
}
