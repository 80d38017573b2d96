import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMasld, startLoopback } from './harness.js';
import type { BenchRow } from './logprob-vs-generate.js';

const tmp = (name: string) => join(tmpdir(), `masld-bench-${process.pid}-${name}`);

export interface RateLimitedOptions {
  /** The server's quota, requests a minute, and its bucket. */
  rpm: number;
  burst: number;
  /** Built-in cases: 152 make 1,208 calls. */
  cases: number;
  /** The server sends x-ratelimit-* headers; otherwise only 429 with Retry-After. */
  headers: boolean;
}

/**
 * An audit with no rateLimit configured against a loopback server that enforces
 * a token bucket and answers 429 past it. Its time, first request to last
 * reply at the server, is set against the quota-ideal time: the bucket spent
 * at once, then one call per refill. A 429 counts as drawn once the pace is
 * learnt when it falls after the first tenth of the ideal time.
 */
export async function rateLimited(o: RateLimitedOptions): Promise<BenchRow[]> {
  const server = await startLoopback(0, { RPM: String(o.rpm), BURST: String(o.burst), RATE_HEADERS: o.headers ? '1' : '0' });
  try {
    const config = tmp(`rl-${o.headers}.yaml`);
    writeFileSync(
      config,
      `cases: {limit: ${o.cases}}\ncounterfactuals: []\ndoubleStress: false\ndoses: [1]\nmodels:\n  - {id: loop, provider: ` +
        `openai-compatible, baseUrl: "${server.url}", model: loop}\nconcurrency: 16\nretries: 10\n`,
    );
    const out = tmp(`rl-${o.headers}`);
    rmSync(out, { recursive: true, force: true });
    const r = await runMasld(['audit', '--config', config, '--out', out, '--no-progress']);
    if (r.code !== 0) throw new Error(`audit failed: ${r.stderr}`);
    const s = await server.stats();
    const answered = s.requests - s.limited.length;
    const span = (s.last - s.first) / 1000;
    const ideal = (Math.max(answered - o.burst, 0) * 60) / o.rpm;
    const learnt = s.limited.filter((t) => t - s.first > (ideal * 1000) / 10).length;
    const scenario =
      `rate-limited: loopback bucket ${o.rpm}/min (burst ${o.burst}),` + ` ${o.headers ? 'x-ratelimit-* headers' : '429 + Retry-After only'}, no rateLimit set`;
    return [
      { scenario, figure: `seconds for ${answered} calls`, value: span, baseline: ideal, ratio: span / ideal, target: '≤ 1.10 × quota-ideal' },
      {
        scenario,
        figure: `429s after the first tenth of the ideal time (${s.limited.length} in all)`,
        value: learnt,
        baseline: null,
        ratio: null,
        target: '≤ 5',
      },
    ];
  } finally {
    server.stop();
  }
}
