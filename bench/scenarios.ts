import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveAudit } from '../src/audit/resolve.js';
import { buildMessages, DEFAULT_SYSTEM } from '../src/prompt/build.js';
import { BARE_FETCH, runMasld, runNode, startLoopback } from './harness.js';
import type { BenchRow } from './logprob-vs-generate.js';
import { COUNTERFACTUALS, syntheticStore } from './synthetic-store.js';

const tmp = (name: string) => join(tmpdir(), `masld-bench-${process.pid}-${name}`);

function auditConfig(url: string, limit: number, concurrency: number, counterfactuals: string[]): string {
  const path = tmp(`cfg-${limit}-${concurrency}.yaml`);
  writeFileSync(
    path,
    `cases: {limit: ${limit}}\ncounterfactuals: [${counterfactuals.join(', ')}]\ndoubleStress: false\ndoses: [1]\nmodels:\n  ` +
      `- {id: loop, provider: openai-compatible, baseUrl: "${url}", model: ` +
      `loop}\nconcurrency: ${concurrency}\nretries: 0\n`,
  );
  return path;
}

/** Alternating trials of each side; the figure is each side's median. */
const TRIALS = 3;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * The audit's call rate against a bare fetch loop sending the same requests at
 * the same concurrency. Both run as fresh processes, both are measured at the
 * server (first to last request), and trials alternate so drift hits both.
 */
export async function overhead(concurrency: number, limit: number, trials = TRIALS): Promise<BenchRow[]> {
  const server = await startLoopback(0);
  try {
    const config = auditConfig(server.url, limit, concurrency, [...COUNTERFACTUALS]);
    const spec = resolveAudit({ config });
    const requestsFile = tmp(`requests-${limit}.json`);
    writeFileSync(
      requestsFile,
      JSON.stringify(
        spec.variantSet.variants.map((v) => ({
          model: 'loop',
          messages: buildMessages(v, { system: DEFAULT_SYSTEM, style: 'direct' }),
          temperature: 0,
          max_tokens: 400,
        })),
      ),
    );
    const rate = async () => {
      const s = await server.stats();
      return { n: s.requests, rate: s.requests / ((s.last - s.first) / 1000) };
    };
    const bare: number[] = [];
    const audit: number[] = [];
    let n = 0;
    for (let t = 0; t < trials; t++) {
      await server.reset();
      const b = await runNode([BARE_FETCH, server.url, String(concurrency), requestsFile]);
      if (b.code !== 0) throw new Error(`bare fetch failed: ${b.stderr}`);
      bare.push((await rate()).rate);
      await server.reset();
      const out = tmp(`ov-${concurrency}-${t}`);
      rmSync(out, { recursive: true, force: true });
      const r = await runMasld(['audit', '--config', config, '--out', out, '--no-progress']);
      if (r.code !== 0) throw new Error(`audit failed: ${r.stderr}`);
      const a = await rate();
      audit.push(a.rate);
      n = a.n;
    }
    const value = median(audit);
    const baseline = median(bare);
    return [
      {
        scenario: `overhead, instant loopback server, concurrency ${concurrency}`,
        figure: `calls/s, median of ${trials} (${n} calls each; store on)`,
        value,
        baseline,
        ratio: value / baseline,
        target: '≥ 0.80 of bare fetch',
      },
    ];
  } finally {
    server.stop();
  }
}

/** A 1,000-call audit against a 200 ms server at concurrency 32, against the ideal calls × latency ÷ concurrency. */
export async function latencyBound(): Promise<BenchRow[]> {
  const server = await startLoopback(200);
  try {
    const limit = 115; // about 1,000 prompts: clean, retest, critical and six probes per case
    rmSync(tmp('lat'), { recursive: true, force: true });
    const r = await runMasld(['audit', '--config', auditConfig(server.url, limit, 32, []), '--out', tmp('lat'), '--no-progress']);
    if (r.code !== 0) throw new Error(`audit failed: ${r.stderr}`);
    const s = await server.stats();
    // From the first request's arrival to the last reply's sending, both at the server.
    const span = (s.last - s.first) / 1000;
    const ideal = (s.requests * 0.2) / 32;
    return [
      {
        scenario: 'latency-bound: 200 ms server, concurrency 32',
        figure: `seconds for ${s.requests} calls`,
        value: span,
        baseline: ideal,
        ratio: span / ideal,
        target: '≤ 1.10 × ideal',
      },
    ];
  } finally {
    server.stop();
  }
}

/** Recompute everything from a stored audit; then a resume with nothing left to do. */
export async function rerunFromStore(scales: number[]): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const scale of scales) {
    const dir = tmp(`store-${scale}`);
    const { calls } = syntheticStore(dir, scale);
    const r = await runMasld(['report', dir]);
    if (r.code !== 0) throw new Error(`report failed: ${r.stderr}`);
    rows.push({
      scenario: `masld report, ${scale}× paper scale`,
      figure: `seconds (${calls} stored calls, 7 models, B = 2000)`,
      value: r.ms / 1000,
      baseline: scale === 1 ? 5 : null,
      ratio: scale === 1 ? r.ms / 5000 : null,
      target: scale === 1 ? '< 5 s' : 'linear in scale',
    });
    rows.push({
      scenario: `masld report, ${scale}× paper scale`,
      figure: 'peak RSS, MB',
      value: r.rssMb ?? NaN,
      baseline: scale === 1 ? 400 : null,
      ratio: scale === 1 && r.rssMb ? r.rssMb / 400 : null,
      target: scale === 1 ? '< 400 MB' : 'linear in scale',
    });
    if (scale === 1) {
      const cfg = tmp('resume.yaml');
      const models = Array.from(
        { length: 7 },
        (_, i) => `  - {id: model-${i + 1}, provider: openai-compatible, model: m${i + 1}, baseUrl: "http://127.0.0.1:9/v1"}`,
      ).join('\n');
      writeFileSync(cfg, `counterfactuals: [${COUNTERFACTUALS.join(', ')}]\ndoubleStress: false\ndoses: [1]\nmodels:\n${models}\n`);
      // The synthetic store was not written by an audit, so it has no variant cache: the first resume builds
      // and checks every variant (as for a folder from another version) and writes the cache; an audit writes it
      // when it starts, so every later resume takes the second path.
      const first = await runMasld(['audit', '--config', cfg, '--out', dir, '--no-progress']);
      if (first.code !== 0) throw new Error(`resume failed: ${first.stderr}`);
      rows.push({
        scenario: 'resumed audit, folder without a variant cache',
        figure: 'seconds',
        value: first.ms / 1000,
        baseline: null,
        ratio: null,
        target: 'reported',
      });
      const again = await runMasld(['audit', '--config', cfg, '--out', dir, '--no-progress']);
      if (again.code !== 0) throw new Error(`resume failed: ${again.stderr}`);
      rows.push({
        scenario: 'resumed audit with nothing left to do, paper scale',
        figure: 'seconds',
        value: again.ms / 1000,
        baseline: 3,
        ratio: again.ms / 3000,
        target: '< 3 s',
      });
    }
  }
  return rows;
}
