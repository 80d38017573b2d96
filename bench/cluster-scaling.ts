import { type ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runMasld, startLoopback } from './harness.js';
import type { BenchRow } from './logprob-vs-generate.js';

const HERE = fileURLToPath(new URL('./', import.meta.url));
const BIN = fileURLToPath(new URL('../bin/masld.js', import.meta.url));
const PER_WORKER = 4;

function services(): Promise<{ child: ChildProcess; redis: string; stores: string[] }> {
  const child = spawn(process.execPath, ['--import', 'tsx', `${HERE}cluster-services.mts`], { stdio: ['pipe', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const line = /SERVICES (.*)\n/.exec(out)?.[1];
      if (line) resolve({ child, ...JSON.parse(line) });
    });
    child.on('exit', (code) => reject(new Error(`services exited (${code})`)));
  });
}

/** Calls a second at the server with `n` workers, each `PER_WORKER` calls at once, against a 200 ms server. */
async function withWorkers(n: number, redis: string, store: string, cases: number): Promise<{ calls: number; perSecond: number }> {
  const server = await startLoopback(200);
  const workers: ChildProcess[] = [];
  try {
    const model = `lat-${n}`;
    const config = join(tmpdir(), `masld-bench-${process.pid}-cluster-${n}.yaml`);
    writeFileSync(
      config,
      `cases: {limit: ${cases}}\ncounterfactuals: []\ndoubleStress: false\ndoses: [1]\nconcurrency: 64\nmodels:\n` +
        `  - {id: ${model}, provider: openai-compatible, baseUrl: "${server.url}", model: ${model}}\n`,
    );
    for (let i = 0; i < n; i++)
      workers.push(
        spawn(process.execPath, [BIN, 'worker', '--queue', redis, '--store', store, '--models', model, '--concurrency', String(PER_WORKER), '--no-progress'], {
          stdio: 'ignore',
        }),
      );
    const out = join(tmpdir(), `masld-bench-${process.pid}-cluster-out-${n}`);
    const r = await runMasld(['audit', '--config', config, '--out', out, '--queue', redis, '--store', store, '--no-progress']);
    if (r.code !== 0) throw new Error(`cluster audit failed: ${r.stderr}`);
    const s = await server.stats();
    return { calls: s.requests, perSecond: (s.requests - 1) / ((s.last - s.first) / 1000) };
  } finally {
    for (const w of workers) w.kill('SIGTERM');
    server.stop();
  }
}

/** Issue 21: throughput against a 200 ms server as workers are added, each with the same concurrency. */
export async function clusterScaling(): Promise<BenchRow[]> {
  const s = await services();
  try {
    const runs = [];
    for (const n of [1, 2, 3]) runs.push(await withWorkers(n, s.redis, s.stores[n - 1], 40));
    const one = runs[0].perSecond;
    return runs.slice(1).map((r, i) => ({
      scenario: `cluster, 200 ms server, ${i + 2} workers × ${PER_WORKER} calls at once (${r.calls} calls)`,
      figure: 'calls/s at the server',
      value: r.perSecond,
      baseline: one * (i + 2),
      ratio: r.perSecond / one,
      target: `≈ ${i + 2}× one worker (${one.toFixed(1)} calls/s); linear`,
    }));
  } finally {
    s.child.stdin!.end();
  }
}
