import { batchFetch, jsonLines, type BatchClient, type BatchHttp, type BatchItemResult } from '../batch.js';
import { readCompletion } from './openai-compatible.js';

type OpenAIBatch = {
  status?: string;
  output_file_id?: string | null;
  error_file_id?: string | null;
  request_counts?: { total?: number; completed?: number; failed?: number };
};

const ENDED = new Set(['completed', 'failed', 'expired', 'cancelled']);

/**
 * OpenAI's Batch API: the requests go up as a JSONL file (purpose "batch"),
 * the batch runs them against /v1/chat/completions within 24 h, and the
 * output and error files come back as JSONL keyed by custom_id.
 */
export function openAIBatchClient(o: { baseUrl: string; model: string; apiKey?: string; timeoutMs: number; headers?: Record<string, string> }): BatchClient {
  const base = o.baseUrl.replace(/\/+$/, '');
  const http: BatchHttp = {
    headers: { ...o.headers, ...(o.apiKey ? { authorization: `Bearer ${o.apiKey}` } : {}) },
    timeoutMs: o.timeoutMs,
    secrets: o.apiKey ? [o.apiKey] : [],
  };
  const get = async (path: string, signal: AbortSignal) => batchFetch(`${base}${path}`, { method: 'GET', signal }, http);
  return {
    async submit(items, signal) {
      const lines = items.map((it) =>
        JSON.stringify({
          custom_id: it.customId,
          method: 'POST',
          url: '/v1/chat/completions',
          body: { model: o.model, messages: it.request.messages, temperature: it.request.temperature, max_completion_tokens: it.request.maxTokens },
        }),
      );
      const form = new FormData();
      form.append('purpose', 'batch');
      form.append('file', new Blob([`${lines.join('\n')}\n`], { type: 'application/jsonl' }), 'masld-batch.jsonl');
      const file = JSON.parse(await batchFetch(`${base}/files`, { method: 'POST', body: form, signal }, http)) as { id: string };
      const batch = JSON.parse(
        await batchFetch(
          `${base}/batches`,
          { method: 'POST', json: { input_file_id: file.id, endpoint: '/v1/chat/completions', completion_window: '24h' }, signal },
          http,
        ),
      ) as { id: string };
      return batch.id;
    },
    async status(id, signal) {
      const b = JSON.parse(await get(`/batches/${encodeURIComponent(id)}`, signal)) as OpenAIBatch;
      const c = b.request_counts ?? {};
      return { ended: ENDED.has(b.status ?? ''), done: (c.completed ?? 0) + (c.failed ?? 0), failed: c.failed ?? 0, total: c.total ?? 0 };
    },
    async results(id, signal) {
      const b = JSON.parse(await get(`/batches/${encodeURIComponent(id)}`, signal)) as OpenAIBatch;
      const out: BatchItemResult[] = [];
      for (const fileId of [b.output_file_id, b.error_file_id]) {
        if (!fileId) continue;
        for (const line of jsonLines(await get(`/files/${encodeURIComponent(fileId)}/content`, signal))) out.push(readLine(line));
      }
      return out;
    },
  };
}

function readLine(line: unknown): BatchItemResult {
  const l = line as { custom_id: string; response?: { status_code?: number; body?: unknown } | null; error?: { code?: string; message?: string } | null };
  if (l.response?.status_code === 200 && !l.error) {
    try {
      return { customId: l.custom_id, response: readCompletion(l.response.body) };
    } catch (err) {
      return { customId: l.custom_id, error: (err as Error).message };
    }
  }
  const why = l.error
    ? `${l.error.code ?? 'error'}: ${l.error.message ?? ''}`
    : `HTTP ${l.response?.status_code}: ${JSON.stringify(l.response?.body ?? null).slice(0, 200)}`;
  return { customId: l.custom_id, error: `batch item failed (${why})` };
}
