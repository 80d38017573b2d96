import { batchFetch, CLOCK_MARGIN_MS, jsonLines, type BatchClient, type BatchHttp, type BatchItemResult } from '../batch.js';
import { messageParams, readMessage } from './anthropic.js';

type MessageBatch = {
  id: string;
  /** RFC 3339. */
  created_at?: string;
  processing_status?: string;
  results_url?: string | null;
  request_counts?: Record<string, number>;
};

type BatchPage = { data?: MessageBatch[]; has_more?: boolean; last_id?: string | null };

/** Every request of a batch is counted in exactly one of these, in progress or ended. */
const COUNTS = ['processing', 'succeeded', 'errored', 'canceled', 'expired'];

/**
 * Anthropic's Message Batches API: the requests go in the create call, the
 * batch is polled until processing_status is "ended", and results_url serves
 * JSONL keyed by custom_id. A batch has no metadata and its custom ids are
 * hidden until it ends, so a batch whose create reply was lost is found by
 * its size and creation time; the custom ids (which carry masld's token)
 * confirm it when its results are read.
 */
export function anthropicBatchClient(o: { baseUrl: string; model: string; apiKey?: string; timeoutMs: number; headers?: Record<string, string> }): BatchClient {
  const base = `${o.baseUrl.replace(/\/+$/, '')}/v1/messages/batches`;
  const http: BatchHttp = {
    headers: { 'anthropic-version': '2023-06-01', ...o.headers, ...(o.apiKey ? { 'x-api-key': o.apiKey } : {}) },
    timeoutMs: o.timeoutMs,
    secrets: o.apiKey ? [o.apiKey] : [],
  };
  const read = async (id: string, signal: AbortSignal) =>
    JSON.parse(await batchFetch(`${base}/${encodeURIComponent(id)}`, { method: 'GET', signal }, http)) as MessageBatch;
  return {
    async submit(items, _tag, signal) {
      const requests = items.map((it) => ({ custom_id: it.customId, params: messageParams(o.model, it.request) }));
      return (JSON.parse(await batchFetch(base, { method: 'POST', json: { requests }, signal }, http)) as { id: string }).id;
    },
    async find(tag, known, signal) {
      const since = tag.since.getTime() - CLOCK_MARGIN_MS;
      const createdAt = (b: MessageBatch) => Date.parse(b.created_at ?? '');
      let best: { id: string; at: number } | undefined;
      let after: string | undefined;
      for (;;) {
        const url = `${base}?limit=100${after ? `&after_id=${encodeURIComponent(after)}` : ''}`;
        const page = JSON.parse(await batchFetch(url, { method: 'GET', signal }, http)) as BatchPage;
        const data = page.data ?? [];
        for (const b of data) {
          const at = createdAt(b);
          const size = COUNTS.reduce((a, k) => a + (b.request_counts?.[k] ?? 0), 0);
          // The earliest fits best: the create was in flight when the intent was stored.
          if (at >= since && size === tag.count && !known.has(b.id) && (!best || at < best.at)) best = { id: b.id, at };
        }
        // Newest first: once a page reaches back before the intent, older pages cannot hold the batch.
        if (!page.has_more || !data.length || data.some((b) => !(createdAt(b) >= since))) break;
        after = page.last_id ?? data[data.length - 1].id;
      }
      return best && { id: best.id, byToken: false };
    },
    async status(id, signal) {
      const b = await read(id, signal);
      const c = b.request_counts ?? {};
      const failed = (c.errored ?? 0) + (c.expired ?? 0) + (c.canceled ?? 0);
      const done = (c.succeeded ?? 0) + failed;
      return { ended: b.processing_status === 'ended', done, failed, total: done + (c.processing ?? 0) };
    },
    async results(id, signal) {
      const url = (await read(id, signal)).results_url;
      if (!url) return [];
      return jsonLines(await batchFetch(url, { method: 'GET', signal }, http)).map(readLine);
    },
  };
}

function readLine(line: unknown): BatchItemResult {
  const l = line as { custom_id: string; result?: { type?: string; message?: unknown; error?: unknown } };
  if (l.result?.type === 'succeeded') {
    try {
      return { customId: l.custom_id, response: readMessage(l.result.message) };
    } catch (err) {
      return { customId: l.custom_id, error: (err as Error).message };
    }
  }
  return {
    customId: l.custom_id,
    error: `batch item ${l.result?.type ?? 'missing'}${l.result?.error ? `: ${JSON.stringify(l.result.error).slice(0, 200)}` : ''}`,
  };
}
