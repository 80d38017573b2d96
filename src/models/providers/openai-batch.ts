import { batchFetch, CLOCK_MARGIN_MS, jsonLines, type BatchClient, type BatchHttp, type BatchItemResult } from '../batch.js';
import { readCompletion } from './openai-compatible.js';

type OpenAIBatch = {
  id: string;
  status?: string;
  /** Unix seconds. */
  created_at?: number;
  input_file_id?: string | null;
  output_file_id?: string | null;
  error_file_id?: string | null;
  metadata?: Record<string, string> | null;
  request_counts?: { total?: number; completed?: number; failed?: number };
};

type BatchPage = { data?: OpenAIBatch[]; has_more?: boolean; last_id?: string | null };

const ENDED = new Set(['completed', 'failed', 'expired', 'cancelled']);

/** The metadata key that carries masld's token for a batch (metadata keys are up to 64 characters, values up to 512). */
export const TOKEN_KEY = 'masld_batch';

/**
 * OpenAI's Batch API: the requests go up as a JSONL file (purpose "batch"),
 * the batch runs them against /v1/chat/completions within 24 h, and the
 * output and error files come back as JSONL keyed by custom_id. The batch
 * carries masld's token in its metadata, so a batch whose create reply was
 * lost is found again in the batch list.
 */
export function openAIBatchClient(o: { baseUrl: string; model: string; apiKey?: string; timeoutMs: number; headers?: Record<string, string> }): BatchClient {
  const base = o.baseUrl.replace(/\/+$/, '');
  const http: BatchHttp = {
    headers: { ...o.headers, ...(o.apiKey ? { authorization: `Bearer ${o.apiKey}` } : {}) },
    timeoutMs: o.timeoutMs,
    secrets: o.apiKey ? [o.apiKey] : [],
  };
  const get = async (path: string, signal: AbortSignal) => batchFetch(`${base}${path}`, { method: 'GET', signal }, http);
  const read = async (id: string, signal: AbortSignal) => JSON.parse(await get(`/batches/${encodeURIComponent(id)}`, signal)) as OpenAIBatch;
  return {
    async submit(items, tag, signal) {
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
          {
            method: 'POST',
            json: { input_file_id: file.id, endpoint: '/v1/chat/completions', completion_window: '24h', metadata: { [TOKEN_KEY]: tag.token } },
            signal,
          },
          http,
        ),
      ) as { id: string };
      return batch.id;
    },
    async find(tag, _known, signal) {
      const since = (tag.since.getTime() - CLOCK_MARGIN_MS) / 1000;
      let after: string | undefined;
      for (;;) {
        const page = JSON.parse(await get(`/batches?limit=100${after ? `&after=${encodeURIComponent(after)}` : ''}`, signal)) as BatchPage;
        const data = page.data ?? [];
        const hit = data.find((b) => b.metadata?.[TOKEN_KEY] === tag.token);
        if (hit) return { id: hit.id, byToken: true };
        // Newest first: once a page reaches back before the intent, older pages cannot hold the batch.
        if (!page.has_more || !data.length || data.some((b) => (b.created_at ?? Number.POSITIVE_INFINITY) < since)) return undefined;
        after = page.last_id ?? data[data.length - 1].id;
      }
    },
    async status(id, signal) {
      const b = await read(id, signal);
      const c = b.request_counts ?? {};
      return { ended: ENDED.has(b.status ?? ''), done: (c.completed ?? 0) + (c.failed ?? 0), failed: c.failed ?? 0, total: c.total ?? 0 };
    },
    async results(id, signal) {
      const b = await read(id, signal);
      const out: BatchItemResult[] = [];
      for (const fileId of [b.output_file_id, b.error_file_id]) {
        if (!fileId) continue;
        for (const line of jsonLines(await get(`/files/${encodeURIComponent(fileId)}/content`, signal))) out.push(readLine(line));
      }
      return out;
    },
    // The uploaded requests, and the replies and errors OpenAI wrote back, stay in the organisation's file storage until deleted.
    async cleanup(id, signal) {
      const b = await read(id, signal);
      for (const fileId of [b.input_file_id, b.output_file_id, b.error_file_id])
        if (fileId) await batchFetch(`${base}/files/${encodeURIComponent(fileId)}`, { method: 'DELETE', signal }, http);
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
