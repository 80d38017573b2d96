import { batchFetch, jsonLines, type BatchClient, type BatchHttp, type BatchItemResult } from '../batch.js';
import { messageParams, readMessage } from './anthropic.js';

type MessageBatch = { processing_status?: string; results_url?: string | null; request_counts?: Record<string, number> };

/**
 * Anthropic's Message Batches API: the requests go in the create call, the
 * batch is polled until processing_status is "ended", and results_url serves
 * JSONL keyed by custom_id.
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
    async submit(items, signal) {
      const requests = items.map((it) => ({ custom_id: it.customId, params: messageParams(o.model, it.request) }));
      return (JSON.parse(await batchFetch(base, { method: 'POST', json: { requests }, signal }, http)) as { id: string }).id;
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
