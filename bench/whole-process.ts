import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveAudit } from '../src/audit/resolve.js';
import { buildMessages, DEFAULT_SYSTEM } from '../src/prompt/build.js';
import { BARE_FETCH, runMasld, runNode, startLoopback } from './harness.js';
import type { BenchRow } from './logprob-vs-generate.js';

const tmp = (name: string) => join(tmpdir(), `masld-bench-${process.pid}-wp-${name}`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * A config, its variant set written once by `masld variants` (the bare loop gets its prompts ready-made, so
 * the audit does too: `--variants`), and the same chat requests as a JSON file for the bare fetch loop.
 */
async function prepare(url: string, limit: number, concurrency: number, counterfactuals: readonly string[]) {
  const config = tmp(`cfg-${limit}-${concurrency}.yaml`);
  writeFileSync(
    config,
    `cases: {limit: ${limit}}\ncounterfactuals: [${counterfactuals.join(', ')}]\ndoubleStress: false\ndoses: [1]\nmodels:\n  ` +
      `- {id: loop, provider: openai-compatible, baseUrl: "${url}", model: ` +
      `loop}\nconcurrency: ${concurrency}\nretries: 0\n`,
  );
  const set = tmp(`set-${limit}.jsonl.gz`);
  const v = await runMasld(['variants', '--config', config, '--out', set]);
  if (v.code !== 0) throw new Error(`masld variants failed: ${v.stderr}`);
  const variants = resolveAudit({ config, variantSetFile: set }).variantSet.variants;
  const requests = tmp(`requests-${limit}-${concurrency}.json`);
  const body = (v: (typeof variants)[number]) => ({
    model: 'loop',
    messages: buildMessages(v, { system: DEFAULT_SYSTEM, style: 'direct' }),
    temperature: 0,
    max_tokens: 400,
  });
  writeFileSync(requests, JSON.stringify(variants.map(body)));
  return { config, set, requests, calls: variants.length };
}

interface Trial {
  ms: number;
  cpuMs: number;
}

const cpuOf = (stderr: string) => Number(/CPU_MS ([\d.]+)/.exec(stderr)?.[1] ?? NaN);

/**
 * Whole processes, spawn to exit, alternating a bare fetch loop and `masld audit` on the same
 * requests at the same concurrency; medians of the trials. The fixed cost is the CPU of the
 * same audit run again on its finished folder with results.json removed: nothing is left to call,
 * so it is start-up, reading the cases and the set, the statistics and every output, written anew.
 */
async function sideBySide(latencyMs: number, limit: number, concurrency: number, counterfactuals: readonly string[], trials: number) {
  const server = await startLoopback(latencyMs);
  try {
    const { config, set, requests, calls } = await prepare(server.url, limit, concurrency, counterfactuals);
    const bare: Trial[] = [];
    const audit: Trial[] = [];
    const fixed: number[] = [];
    for (let t = 0; t < trials; t++) {
      const b = await runNode([BARE_FETCH, server.url, String(concurrency), requests]);
      if (b.code !== 0) throw new Error(`bare fetch failed: ${b.stderr}`);
      bare.push({ ms: b.ms, cpuMs: cpuOf(b.stderr) });
      const out = tmp(`out-${latencyMs}-${t}`);
      rmSync(out, { recursive: true, force: true });
      const args = ['audit', '--config', config, '--variants', set, '--out', out, '--no-progress'];
      const a = await runMasld(args);
      if (a.code !== 0) throw new Error(`audit failed: ${a.stderr}`);
      audit.push({ ms: a.ms, cpuMs: cpuOf(a.stderr) });
      rmSync(join(out, 'results.json'));
      const again = await runMasld(args);
      if (again.code !== 0) throw new Error(`resume failed: ${again.stderr}`);
      fixed.push(cpuOf(again.stderr));
      rmSync(out, { recursive: true, force: true });
    }
    // Once, for the record (instant server only): the same audit building and checking its own variants.
    let built = { ms: NaN, stderr: '' };
    if (latencyMs === 0) {
      const out = tmp('out-build');
      rmSync(out, { recursive: true, force: true });
      const b = await runMasld(['audit', '--config', config, '--out', out, '--no-progress']);
      if (b.code !== 0) throw new Error(`audit failed: ${b.stderr}`);
      rmSync(out, { recursive: true, force: true });
      built = b;
    }
    const pick = (xs: Trial[], k: keyof Trial) => median(xs.map((x) => x[k]));
    return {
      building: { ms: built.ms, cpuMs: cpuOf(built.stderr) },
      calls,
      bare: { ms: pick(bare, 'ms'), cpuMs: pick(bare, 'cpuMs') },
      audit: { ms: pick(audit, 'ms'), cpuMs: pick(audit, 'cpuMs') },
      fixedCpuMs: median(fixed),
    };
  } finally {
    server.stop();
  }
}

/** The issue-20 targets, measured as whole processes from start to exit. */
export async function wholeProcess(smoke: boolean): Promise<BenchRow[]> {
  const trials = smoke ? 1 : 5;
  const fast = await sideBySide(0, smoke ? 2 : 209, 16, [], trials);
  const rows: BenchRow[] = [];
  const rate = (ms: number) => fast.calls / (ms / 1000);
  rows.push({
    scenario: 'whole process, instant loopback server, concurrency 16',
    figure: `calls/s start to exit, median of ${trials} (${fast.calls} calls; --variants SET)`,
    value: rate(fast.audit.ms),
    baseline: rate(fast.bare.ms),
    ratio: fast.bare.ms / fast.audit.ms,
    target: '≥ 1.0× bare fetch',
  });
  rows.push({
    scenario: 'whole process, instant loopback server, concurrency 16',
    figure: `calls/s start to exit, one trial, audit building its own variants`,
    value: rate(fast.building.ms),
    baseline: rate(fast.bare.ms),
    ratio: fast.bare.ms / fast.building.ms,
    target: 'reported',
  });
  rows.push({
    scenario: 'whole process, instant loopback server, concurrency 16',
    figure: `CPU seconds, whole process (${fast.calls} calls; --variants SET)`,
    value: fast.audit.cpuMs / 1000,
    baseline: fast.bare.cpuMs / 1000,
    ratio: fast.audit.cpuMs / fast.bare.cpuMs,
    target: 'reported',
  });
  rows.push({
    scenario: 'whole process, instant loopback server, concurrency 16',
    figure: 'fixed cost: CPU s of the same audit, no call left, outputs rewritten',
    value: fast.fixedCpuMs / 1000,
    baseline: 0.3,
    ratio: fast.fixedCpuMs / 300,
    target: '≤ 0.3 s',
  });
  if (smoke) return rows;
  const slow = await sideBySide(200, 42, 16, [], 3);
  // The floor: every wave of 16 calls waits the full 200 ms, so 321 calls need 21 waves, not 20.06.
  const ideal = Math.ceil(slow.calls / 16) * 200;
  rows.push({
    scenario: 'whole process, 200 ms loopback server, concurrency 16',
    figure: `efficiency: ideal ${(ideal / 1000).toFixed(2)} s ÷ seconds start to exit (${slow.calls} calls; bare fetch beside)`,
    value: ideal / slow.audit.ms,
    baseline: ideal / slow.bare.ms,
    ratio: slow.bare.ms / slow.audit.ms,
    target: '≥ 0.93 of ideal',
  });
  return rows;
}
