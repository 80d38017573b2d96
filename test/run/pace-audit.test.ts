import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runCli, tempDir } from '../support/cli.js';
import { startFakeOpenAI, type FakeOpenAI, type RateBucket } from '../support/fake-openai.js';

/*
 * Whole audits (the built CLI) against a loopback server that enforces a token
 * bucket, scaled down so that each takes about a second: 5 requests at once,
 * refilled at 3,000 a minute. 429s are counted at the server; nothing here
 * reads a clock.
 */
const servers: FakeOpenAI[] = [];
after(async () => {
  for (const s of servers) await s.close();
});

const BUCKET: RateBucket = { burst: 5, perMinute: 3000 };

async function audit(o: { bucket: RateBucket; rateLimit?: string; progress?: boolean; protocol?: 'openai' | 'anthropic' }) {
  const server = await startFakeOpenAI({ answer: () => '{"answer": "A"}', bucket: o.bucket, protocol: o.protocol });
  servers.push(server);
  const dir = tempDir();
  const config = join(dir, 'a.yaml');
  const provider = o.protocol === 'anthropic' ? 'anthropic' : 'openai-compatible';
  writeFileSync(
    config,
    `cases: {limit: 4}\ncounterfactuals: []\ndoubleStress: false\nmodels:\n  - {id: m, provider: ${provider}, ` +
      `baseUrl: "${server.url}", model: m${o.rateLimit ? `, rateLimit: ${o.rateLimit}` : ''}}\nconcurrency: ` +
      `16\nretryDelayMs: 50\n`,
  );
  const r = await runCli(['audit', '--config', config, '--out', join(dir, 'out'), ...(o.progress ? [] : ['--no-progress'])], {
    env: { ANTHROPIC_API_KEY: 'k' },
  });
  assert.equal(r.code, 0, r.stderr);
  const results = JSON.parse(readFileSync(join(dir, 'out', 'results.json'), 'utf8'));
  const calls = results.models[0].calls as { planned: number; failed: number; missing: number; attempts: number };
  return { server, r, calls };
}

/** 429s the server sent in the second half of the requests it saw (the first replies, which carry the first headers, come in the first). */
const lateRefusals = (server: FakeOpenAI) => server.log.slice(Math.floor(server.log.length / 2)).filter((e) => e.status === 429).length;

describe('pacing whole audits to a rate limit', () => {
  it('with rateLimit set to the quota: every call answered, hardly a 429, and the progress line shows the pace', async () => {
    const { server, r, calls } = await audit({ bucket: BUCKET, rateLimit: '{rpm: 3000}', progress: true });
    assert.equal(calls.failed, 0);
    assert.equal(calls.missing, 0);
    assert.ok(server.rateLimited <= 2, `${server.rateLimited} 429s`);
    assert.match(r.stderr, /calls \(\d+%\), 0 failed, [\d.]+ s, paced 3000\/min \(rpm\)\n/);
  });

  it('with no rateLimit and bare 429s: every call answered, the refused ones retried without spending retries', async () => {
    const { server, calls } = await audit({ bucket: BUCKET });
    assert.equal(calls.failed, 0);
    assert.equal(calls.missing, 0);
    assert.ok(server.rateLimited > 0, 'the server refused some calls: the pace had to be found');
    assert.equal(calls.attempts, server.requests, 'every attempt, refused ones too, is counted');
    assert.equal(server.requests - server.rateLimited, calls.planned);
  });

  for (const protocol of ['openai', 'anthropic'] as const) {
    it(`with no rateLimit and ${protocol}'s rate-limit headers: paced by them, hardly a 429 once the first replies are in`, async () => {
      const { server, calls } = await audit({ bucket: { ...BUCKET, headers: true }, protocol });
      assert.equal(calls.failed, 0);
      assert.equal(calls.missing, 0);
      // The first 16 go out at once, before any reply has said anything: those are refused past the burst of 5.
      const late = lateRefusals(server);
      assert.ok(late <= 1, `${late} 429s in the second half of ${server.log.length} requests (${server.rateLimited} in all)`);
    });
  }

  it('exits 2 naming the field for a bad rateLimit', async () => {
    const dir = tempDir();
    const config = join(dir, 'a.yaml');
    writeFileSync(config, 'models:\n  - {id: m, provider: openai, model: m, rateLimit: {rpm: 0}}\n');
    const r = await runCli(['audit', '--config', config, '--out', join(dir, 'out')], { env: { OPENAI_API_KEY: 'k' } });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /models\[0\]\.rateLimit\.rpm/);
  });
});
