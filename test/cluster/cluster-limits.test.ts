import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, it } from 'node:test';
import { runCli, tempDir } from '../support/cli.js';
import { startWorker, stopWorker } from '../support/cluster.js';
import { startFakeOpenAI } from '../support/fake-openai.js';
import { needs } from '../support/needs.js';
import { postgresMissing, startPostgres } from '../support/postgres.js';
import { REDIS_SERVER, startRedis } from '../support/redis.js';

const skip = needs(REDIS_SERVER) || postgresMissing();
const RPM = 600;

it(`a model's limit of ${RPM} calls a minute holds across 3 workers, which alone would each go that fast`, { skip }, async () => {
  // The provider's own quota: past a burst of 20, 429s. Each worker paces itself to the model's rpm too, so without the
  // cluster-wide limit three of them would send three times the quota.
  const server = await startFakeOpenAI({ answer: () => '{"answer": "A"}', bucket: { burst: 20, perMinute: RPM } });
  const [pg, redis] = await Promise.all([startPostgres(), startRedis()]);
  after(async () => {
    await server.close();
    await Promise.all([pg.stop(), redis.stop()]);
  });
  const dir = tempDir();
  const config = join(dir, 'audit.yaml');
  writeFileSync(
    config,
    `cases: {limit: 12}\ncounterfactuals: []\ndoubleStress: false\nretries: 0\nconcurrency: 32\nmodels:\n` +
      `  - {id: paced, provider: openai-compatible, baseUrl: "${server.url}", model: paced, rateLimit: {rpm: ${RPM}}, concurrency: 32}\n`,
  );
  const store = await pg.database('limits');
  const workers = [0, 1, 2].map(() => startWorker(redis.url, store, ['--concurrency', '8', '--models', 'paced']));
  try {
    const r = await runCli(['audit', '--config', config, '--out', join(dir, 'out'), '--queue', redis.url, '--store', store, '--no-progress'], {
      timeoutMs: 180_000,
    });
    assert.equal(r.code, 0, `${r.stderr}\n${workers.map((w) => w.log()).join('\n')}`);
    const at = server.log.map((l) => l.at).sort((a, b) => a - b);
    assert.ok(at.length >= 60, `${at.length} calls`);
    assert.equal(server.rateLimited, 0, 'no call went past the quota');
    // The limit is kept in windows of about a second, so two windows' calls can meet at a boundary: no 6 s holds more
    // than 6 s's share and one window more, and the run takes as long as the rate says, less one window.
    let most = 0;
    for (let i = 0, j = 0; i < at.length; i++) {
      while (at[i] - at[j] >= 6000) j++;
      most = Math.max(most, i - j + 1);
    }
    assert.ok(most <= (RPM / 60) * 7, `${most} calls within 6 s`);
    const perSecond = RPM / 60;
    const span = at[at.length - 1] - at[0];
    assert.ok(span >= ((at.length - perSecond) / perSecond) * 1000, `${at.length} calls in ${span.toFixed(0)} ms`);
  } finally {
    for (const w of workers) await stopWorker(w);
  }
});
