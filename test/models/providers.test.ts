import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ProviderError } from '../../src/models/errors.js';
import { anthropicProvider } from '../../src/models/providers/anthropic.js';
import { openAICompatibleProvider } from '../../src/models/providers/openai-compatible.js';
import { z } from 'zod';
import { modelConfigSchema } from '../../src/config/schema.js';
import { MasldError } from '../../src/errors.js';
import { ControlKnowledge } from '../../src/models/controls/reference.js';
import { createProvider, listProviderDefinitions, registerProvider, resolveApiKey, resolvedBaseUrl } from '../../src/models/registry.js';
import { startFakeOpenAI, type ChatBody, type Fault, type FakeOpenAI } from '../support/fake-openai.js';
import { startFakeBatch } from '../support/fake-batch.js';
import { openAIBatchClient } from '../../src/models/providers/openai-batch.js';
import { anthropicBatchClient } from '../../src/models/providers/anthropic-batch.js';

const messages = [
  { role: 'system' as const, content: 'sys' },
  { role: 'user' as const, content: 'A case.\n\nQ?\n\nA. x\nB. y' },
];
const req = (signal = new AbortController().signal) => ({ messages, temperature: 0, maxTokens: 50, signal });

async function faultOnce(fault: Fault): Promise<ProviderError> {
  const server = await startFakeOpenAI({ answer: () => 'A', faultRate: 1, faults: [fault] });
  try {
    const p = openAICompatibleProvider({ id: 'm', baseUrl: server.url, model: 'm', timeoutMs: 300 });
    const err = await p.complete(req()).then(
      () => null,
      (e) => e,
    );
    assert.ok(err instanceof ProviderError, `expected a ProviderError for ${fault}, got ${err}`);
    return err;
  } finally {
    await server.close();
  }
}

describe('openai-compatible provider against a real server on 127.0.0.1', () => {
  let server: FakeOpenAI;
  before(async () => {
    server = await startFakeOpenAI({ answer: (u) => `{"answer":"B","echo":${u.length}}`, apiKey: 'sk-test-key-123' });
  });
  after(() => server.close());

  it('sends the key as a bearer token and returns text and usage', async () => {
    const p = openAICompatibleProvider({ id: 'm', baseUrl: server.url, model: 'oracle', apiKey: 'sk-test-key-123', timeoutMs: 5000 });
    const r = await p.complete(req());
    assert.equal(r.text, `{"answer":"B","echo":${messages[1].content.length}}`);
    assert.equal(r.inputTokens, Math.ceil(messages[1].content.length / 4));
    assert.equal(r.finishReason, 'stop');
  });
  it('treats 401 as final and never echoes the key', async () => {
    const p = openAICompatibleProvider({ id: 'm', baseUrl: server.url, model: 'oracle', apiKey: 'sk-wrong-key-999', timeoutMs: 5000 });
    const err = await p.complete(req()).then(
      () => null,
      (e) => e,
    );
    assert.ok(err instanceof ProviderError);
    assert.equal(err.retryable, false);
    assert.equal(err.status, 401);
    assert.ok(!err.message.includes('sk-wrong-key-999'));
  });
});

describe('fault classification', () => {
  const expectations: [Fault, string, boolean][] = [
    ['http500', 'http', true],
    ['http503', 'http', true],
    ['http429', 'http', true],
    ['reset', 'network', true],
    ['hang', 'timeout', true],
    ['trickle', 'timeout', true],
    ['truncated', 'malformed', true],
    ['emptyChoices', 'malformed', true],
    ['wrongFormat', 'malformed', true],
  ];
  for (const [fault, kind, retryable] of expectations) {
    it(`${fault} → ${kind}, retryable`, async () => {
      const err = await faultOnce(fault);
      assert.equal(err.kind, kind, err.message);
      assert.equal(err.retryable, retryable);
    });
  }
  it('429 with Retry-After carries the delay', async () => {
    const err = await faultOnce('http429RetryAfter');
    assert.equal(err.retryAfterMs, 50);
  });
  it('an interrupt is not retryable', async () => {
    const server = await startFakeOpenAI({ answer: () => 'A', faultRate: 1, faults: ['hang'] });
    try {
      const p = openAICompatibleProvider({ id: 'm', baseUrl: server.url, model: 'm', timeoutMs: 10_000 });
      const ac = new AbortController();
      setTimeout(() => ac.abort(), 50);
      const err = await p.complete(req(ac.signal)).then(
        () => null,
        (e) => e,
      );
      assert.equal(err.kind, 'aborted');
      assert.equal(err.retryable, false);
    } finally {
      await server.close();
    }
  });
});

describe('response bodies over the 8 MB cap', () => {
  for (const chunked of [false, true]) {
    it(`are refused, not read whole (${chunked ? 'chunked, no length' : 'with a content-length'})`, async () => {
      const { createServer } = await import('node:http');
      const big = Buffer.alloc(9 * 1024 * 1024, 'x');
      const server = createServer((req, res) => {
        req.resume();
        req.on('end', () => {
          res.writeHead(200, chunked ? { 'content-type': 'application/json' } : { 'content-type': 'application/json', 'content-length': String(big.length) });
          if (chunked) {
            res.write(big.subarray(0, big.length / 2));
            res.end(big.subarray(big.length / 2));
          } else res.end(big);
        });
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      try {
        const port = (server.address() as { port: number }).port;
        const p = openAICompatibleProvider({ id: 'm', baseUrl: `http://127.0.0.1:${port}/v1`, model: 'm', timeoutMs: 10_000 });
        const err = await p.complete(req()).then(
          () => null,
          (e) => e,
        );
        assert.ok(err instanceof ProviderError, String(err));
        assert.equal(err.kind, 'malformed');
        assert.match(err.message, /over 8388608 bytes/);
        assert.equal(err.retryable, false);
      } finally {
        server.closeAllConnections();
        server.close();
      }
    });
  }

  it('a run already interrupted sends nothing', async () => {
    const server = await startFakeOpenAI({ answer: () => 'A' });
    try {
      const p = openAICompatibleProvider({ id: 'm', baseUrl: server.url, model: 'm', timeoutMs: 10_000 });
      const ac = new AbortController();
      ac.abort();
      const err = await p.complete(req(ac.signal)).then(
        () => null,
        (e) => e,
      );
      assert.equal(err.kind, 'aborted');
      assert.equal(server.requests, 0);
    } finally {
      await server.close();
    }
  });
});

describe('anthropic provider against a real Messages API server', () => {
  it('sends the system prompt apart and reads text blocks and usage', async () => {
    let seen: unknown;
    const server = await startFakeOpenAI({
      protocol: 'anthropic',
      apiKey: 'ak-test',
      answer: (_u, body) => {
        seen = body;
        return 'Answer: B';
      },
    });
    try {
      const p = anthropicProvider({ id: 'c', baseUrl: server.url, model: 'claude-x', apiKey: 'ak-test', timeoutMs: 5000 });
      const r = await p.complete(req());
      assert.equal(r.text, 'Answer: B');
      assert.equal(r.finishReason, 'end_turn');
      const body = seen as { system: string; messages: { role: string }[]; max_tokens: number };
      assert.equal(body.system, 'sys');
      assert.deepEqual(
        body.messages.map((m) => m.role),
        ['user'],
      );
      assert.equal(body.max_tokens, 50);
    } finally {
      await server.close();
    }
  });
});

describe('provider registry', () => {
  const controls = new ControlKnowledge([]);
  const model = (raw: Record<string, unknown>) => modelConfigSchema.parse({ id: 'm', model: 'x', ...raw });

  it("sends each built-in provider's models by its own protocol, with its preset key variable", async () => {
    const bodies: ChatBody[] = [];
    const openai = await startFakeOpenAI({
      apiKey: 'sk-o',
      answer: (_u, body) => {
        bodies.push(body);
        return 'A';
      },
    });
    const claude = await startFakeOpenAI({
      protocol: 'anthropic',
      apiKey: 'ak-a',
      answer: (_u, body) => {
        bodies.push(body);
        return 'B';
      },
    });
    try {
      const env = { OPENAI_API_KEY: 'sk-o', ANTHROPIC_API_KEY: 'ak-a' };
      const ask = (raw: Record<string, unknown>) => createProvider(model(raw), 0, { env, timeoutMs: 5000, controls }).complete(req());
      assert.equal((await ask({ provider: 'openai', baseUrl: openai.url })).text, 'A');
      assert.equal((await ask({ provider: 'openai-compatible', baseUrl: openai.url, apiKeyEnv: 'OPENAI_API_KEY' })).text, 'A');
      assert.equal((await ask({ provider: 'anthropic', baseUrl: claude.url })).text, 'B');
      // OpenAI's own API caps a reply with max_completion_tokens; other chat-completions servers with max_tokens.
      assert.deepEqual(
        bodies.map((b) => [(b as { max_completion_tokens?: number }).max_completion_tokens ?? null, b.max_tokens ?? null]),
        [
          [50, null],
          [null, 50],
          [null, 50],
        ],
      );
      assert.equal(bodies[2].system, 'sys', 'the Messages API');
    } finally {
      await openai.close();
      await claude.close();
    }
  });
  it('fills the base URL and key variable from the preset', () => {
    assert.equal(resolvedBaseUrl(model({ provider: 'ollama' })), 'http://127.0.0.1:11434/v1');
    assert.equal(resolvedBaseUrl(model({ provider: 'openai', baseUrl: 'http://127.0.0.1:9/v1' })), 'http://127.0.0.1:9/v1');
    assert.throws(
      () => resolveApiKey(model({ provider: 'anthropic' }), {}, 3),
      (e: unknown) => e instanceof MasldError && /ANTHROPIC_API_KEY/.test(e.message) && e.location.field === 'models[3].apiKeyEnv',
    );
    assert.equal(resolveApiKey(model({ provider: 'ollama' }), {}, 0), undefined);
  });
  it('refuses a provider that is already registered, redefines a common key or has a colon in its name', () => {
    const create = () => {
      throw new Error('never called');
    };
    assert.throws(() => registerProvider({ name: 'openai', preset: { keyRequired: false }, create }), /already registered/);
    assert.throws(
      () => registerProvider({ name: 'x-temp', preset: { keyRequired: false }, options: { temperature: z.number() }, create }),
      /redefines "temperature"/,
    );
    assert.throws(() => registerProvider({ name: 'a:b', preset: { keyRequired: false }, create }), /no colon/);
    assert.ok(!listProviderDefinitions().some((d) => ['x-temp', 'a:b'].includes(d.name)), 'a refused provider is not registered');
  });
});

describe('batch clients find a batch whose create reply was lost', () => {
  const signal = new AbortController().signal;
  const items = (token: string, n: number) =>
    Array.from({ length: n }, (_, i) => ({ customId: `${token}-${i}`, request: { messages, temperature: 0, maxTokens: 50 } }));
  const tag = (token: string, count: number, since = new Date(Date.now() - 1000)) => ({ token, since, count });

  it('OpenAI: by the token in its metadata, across pages of the list, within the time since the intent; cleanup deletes the input file', async () => {
    const server = await startFakeBatch({ protocol: 'openai', answer: () => 'A', pageSize: 2 });
    try {
      const c = openAIBatchClient({ baseUrl: server.url, model: 'gpt-4o-mini', apiKey: 'k', timeoutMs: 5000 });
      for (const t of ['bt1', 'bt2', 'bt3']) await c.submit(items(t, 2), tag(t, 2), signal);
      assert.deepEqual(server.metadata.batch_1, { masld_batch: 'bt1' });
      const lists = server.lists;
      assert.deepEqual(await c.find(tag('bt1', 2), new Set(), signal), { id: 'batch_1', byToken: true });
      assert.equal(server.lists - lists, 2, 'the oldest batch is on the second page of two');
      assert.equal(await c.find(tag('bt9', 2), new Set(), signal), undefined);
      // An intent newer than every batch (beyond the clock margin): the first page ends the search.
      const at = server.lists;
      assert.equal(await c.find(tag('bt1', 2, new Date(Date.now() + 3_600_000)), new Set(), signal), undefined);
      assert.equal(server.lists - at, 1);
      await c.cleanup!('batch_2', signal);
      assert.deepEqual(server.deletedFiles, [server.inputFiles.batch_2]);
    } finally {
      await server.close();
    }
  });

  it('Anthropic: by size and creation time, the earliest fitting batch not already known', async () => {
    const server = await startFakeBatch({ protocol: 'anthropic', answer: () => 'A', pageSize: 2 });
    try {
      const c = anthropicBatchClient({ baseUrl: server.url, model: 'claude-haiku-4-5', apiKey: 'k', timeoutMs: 5000 });
      const since = new Date(Date.now() - 1000);
      for (const [t, n] of [
        ['bt1', 2],
        ['bt2', 3],
        ['bt3', 2],
      ] as const)
        await c.submit(items(t, n), tag(t, n), signal);
      assert.deepEqual(await c.find(tag('bt1', 2, since), new Set(), signal), { id: 'batch_1', byToken: false });
      assert.deepEqual(await c.find(tag('bt1', 2, since), new Set(['batch_1']), signal), { id: 'batch_3', byToken: false });
      assert.deepEqual(await c.find(tag('bt2', 3, since), new Set(), signal), { id: 'batch_2', byToken: false });
      assert.equal(await c.find(tag('bt4', 4, since), new Set(), signal), undefined);
      assert.equal(await c.find(tag('bt1', 2, new Date(Date.now() + 3_600_000)), new Set(), signal), undefined, 'created before the intent');
    } finally {
      await server.close();
    }
  });
});
