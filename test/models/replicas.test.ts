import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, describe, it } from 'node:test';
import { modelConfigSchema } from '../../src/config/schema.js';
import { ControlKnowledge } from '../../src/models/controls/reference.js';
import { ProviderError } from '../../src/models/errors.js';
import { openAICompatibleProvider } from '../../src/models/providers/openai-compatible.js';
import { createProvider } from '../../src/models/registry.js';
import { replicaProvider } from '../../src/models/replicas.js';
import type { Provider } from '../../src/models/types.js';
import { callWithRetries } from '../../src/run/call-with-retries.js';
import { type FakeOpenAI, type FakeOpenAIOptions, startFakeOpenAI } from '../support/fake-openai.js';
import { type ReplicaFront, startReplicaFront } from '../support/replica-front.js';

const started: { close(): Promise<void> }[] = [];
after(async () => {
  await Promise.all(started.splice(0).map((s) => s.close()));
});

async function servers(n: number, o: Partial<FakeOpenAIOptions> = {}): Promise<FakeOpenAI[]> {
  const out: FakeOpenAI[] = [];
  for (let i = 0; i < n; i++) out.push(await startFakeOpenAI({ answer: (u) => `echo ${u}`, ...o }));
  started.push(...out);
  return out;
}

async function fronts(behind: FakeOpenAI[]): Promise<ReplicaFront[]> {
  const out = await Promise.all(behind.map((s) => startReplicaFront(s.url)));
  started.push(...out);
  return out;
}

/** The model as a config names it, through createProvider as an audit makes it. */
function configured(urls: string[]): Provider {
  const m = modelConfigSchema.parse({ id: 'vllm', provider: 'openai-compatible', model: 'm', baseUrls: urls });
  return createProvider(m, 0, { env: {}, timeoutMs: 5000, controls: new ControlKnowledge([]) });
}

/** Short cooldowns so a test sees a replica go out and come back within seconds. */
const quick = (urls: string[], maxCooldownMs = 800) =>
  replicaProvider(
    'vllm',
    urls.map((url) => ({ url, provider: openAICompatibleProvider({ id: 'vllm', baseUrl: url, model: 'm', timeoutMs: 5000 }) })),
    { health: { failuresToEject: 3, cooldownMs: 200, maxCooldownMs } },
  );

const request = (text: string) => ({ messages: [{ role: 'user' as const, content: text }], temperature: 0, maxTokens: 10 });

/** Calls through the audit's own retries, `concurrency` at a time, until `more` says stop; every reply is checked. */
async function drive(p: Provider, concurrency: number, more: (sent: number) => boolean) {
  let sent = 0;
  let failed = 0;
  const signal = new AbortController().signal;
  const worker = async () => {
    while (more(sent)) {
      const text = `call ${sent++}`;
      const out = await callWithRetries(p, request(text), { retries: 6, retryDelayMs: 5, signal });
      if (out?.status !== 'ok') failed++;
      else assert.equal(out.response.text, `echo ${text}`, 'each reply is its own call');
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { sent, failed };
}

const counts = (s: FakeOpenAI[]) => s.map((x) => x.log.length);

describe('replicas: one model served by several baseUrls', () => {
  it('spreads calls evenly over 3 replicas, one at a time and many at once', async () => {
    const s = await servers(3, { latencyMs: 2 });
    const p = configured(s.map((x) => x.url));
    await drive(p, 1, (n) => n < 90);
    assert.deepEqual(counts(s), [30, 30, 30], 'one at a time: in turn');
    await drive(p, 9, (n) => n < 600);
    for (const c of counts(s)) assert.ok(c >= 30 + 170 && c <= 30 + 230, `${counts(s)}: about 200 each of 600`);
  });

  it('sends fewer calls to a slow replica: the fewest calls in flight wins', async () => {
    const [slow] = await servers(1, { latencyMs: 60 });
    const fast = await servers(2, { latencyMs: 2 });
    await drive(configured([slow.url, ...fast.map((f) => f.url)]), 6, (n) => n < 300);
    assert.ok(slow.log.length < 40, `${counts([slow, ...fast])}: the slow replica holds its calls longer and gets fewer`);
  });

  it('a replica killed mid-run loses no call, gets only probes while dead, and is probed back in once restarted', async () => {
    const s = await servers(3, { latencyMs: 3 });
    const f = await fronts(s);
    const p = quick(f.map((x) => x.url));
    const first = await drive(p, 6, (n) => n < 150);
    f[1].kill();
    const killedAt = performance.now();
    const dead = await drive(p, 6, () => performance.now() - killedAt < 1500);
    f[1].restart();
    const restartedAt = performance.now();
    const back = await drive(p, 6, () => performance.now() - restartedAt < 1500);
    assert.equal(first.failed + dead.failed + back.failed, 0, 'no call lost: its retries sent it to another replica');
    const hits = f[1].deadHits.map((t) => t - killedAt);
    // Out after 3 faults in a row (calls in flight when it died among them); then probed at 200, 600 and 1400 ms.
    assert.ok(hits.filter((t) => t < 150).length <= 3, `${hits}: at most 3 calls reach it before it is out`);
    const probes = hits.filter((t) => t >= 150);
    assert.ok(probes.length >= 2 && probes.length <= 4, `${hits}: only probes reach the dead replica, of ${dead.sent} calls in 1.5 s`);
    for (const [i, t] of probes.entries()) assert.ok(t - (probes[i - 1] ?? 0) >= 190, `${hits}: one probe per cooldown`);
    // Back at its next probe (at most the 800 ms cooldown after the restart); from then on, its share.
    const probe = s[1].log.find((r) => r.at > restartedAt)!.at;
    assert.ok(probe - restartedAt < 900, `probed back ${Math.round(probe - restartedAt)} ms after the restart`);
    const since = s.map((x) => x.log.filter((r) => r.at >= probe).length);
    const total = since.reduce((a, b) => a + b, 0);
    assert.ok(since[1] > total * 0.25, `${since}: the restarted replica takes its share again`);
  });

  it('with every replica dead a call fails retryably, naming each replica', async () => {
    const s = await servers(3);
    const urls = s.map((x) => x.url);
    await Promise.all(s.map((x) => x.close()));
    const p = quick(urls, 60_000);
    const errors: ProviderError[] = [];
    for (let i = 0; i < 12; i++)
      errors.push(
        await p.complete({ ...request('x'), signal: new AbortController().signal }).then(
          () => assert.fail(),
          (e) => e,
        ),
      );
    for (const e of errors) assert.ok(e instanceof ProviderError && e.retryable, e.message);
    assert.match(errors[0].message, /network error/, 'each replica is tried until it is out');
    const last = errors[9];
    assert.match(last.message, /every replica of model "vllm" is out/);
    for (const u of urls) assert.ok(last.message.includes(u), `names ${u}`);
    assert.ok(last.retryAfterMs !== undefined && last.retryAfterMs <= 200, 'a retry waits for the next probe');
    await sleep(220);
    await assert.rejects(p.complete({ ...request('x'), signal: new AbortController().signal }), /network error/, 'after the cooldown, a probe');
  });

  it('a 4xx or 429 is the call\u2019s or the quota\u2019s: it never takes a replica out; a 5xx does', async () => {
    const [ok] = await servers(1);
    const [refusing] = await servers(1, { script: ({ n }) => ({ status: n % 2 ? 429 : 400, body: '{}' }) });
    const [failing] = await servers(1, { script: () => 'http503' });
    const p = quick([ok.url, refusing.url, failing.url], 60_000);
    for (let i = 0; i < 30; i++) await p.complete({ ...request(`q${i}`), signal: new AbortController().signal }).catch(() => undefined);
    assert.equal(refusing.log.length, 13, 'the refusing replica stays in and keeps its turn');
    assert.equal(failing.log.length, 3, 'the failing one is out after 3 in a row');
  });
});
