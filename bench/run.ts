import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { clusterScaling } from './cluster-scaling.js';
import { llamacppThroughput } from './llamacpp-throughput.js';
import { logprobVsGenerate, type BenchRow } from './logprob-vs-generate.js';
import { rateLimited } from './rate-limited.js';
import { latencyBound, overhead, rerunFromStore } from './scenarios.js';
import { wholeProcess } from './whole-process.js';

/**
 * `npm run bench`: every scenario, a table, and bench/results/latest.json. `--smoke` runs a tiny version; `--whole-process` only the issue-20
 * whole-process rows; `--cluster` only the issue-21 scaling rows; `--out FILE` writes the JSON to FILE.
 */
const smoke = process.argv.includes('--smoke');
const rows: BenchRow[] = [];
const started = Date.now();
const cluster = process.argv.includes('--cluster');
const only = process.argv.includes('--whole-process') || cluster;
if (cluster) rows.push(...(await clusterScaling()));
else rows.push(...(await wholeProcess(smoke)));
if (!only) rows.push(...(await overhead(16, smoke ? 2 : 240, smoke ? 1 : undefined)));
if (!smoke && !only) rows.push(...(await overhead(64, 240)));
if (!smoke && !only) rows.push(...(await latencyBound()));
// Needs redis-server and PostgreSQL; the smoke run (CI) leaves it out.
if ((!smoke && !only) || process.argv.includes('--cluster')) rows.push(...(await clusterScaling()));
// 1,208 calls at 600 a minute take two minutes each; the smoke run scales the quota down to a few seconds.
if (!only)
  for (const headers of [false, true])
    rows.push(...(await rateLimited(smoke ? { rpm: 6000, burst: 5, cases: 6, headers } : { rpm: 600, burst: 20, cases: 152, headers })));
if (!only) rows.push(...(await rerunFromStore(smoke ? [] : [1, 4, 16])));
if (!only) rows.push(...(await logprobVsGenerate(smoke ? 2 : 20)));
// An audit sends a case's variants together; distinct cases share only the system message and template.
if (!only) rows.push(...(await llamacppThroughput(smoke ? { cases: 1, perCase: 2, trials: 1 } : { cases: 1, perCase: 16, trials: 4 })));
if (!smoke && !only) rows.push(...(await llamacppThroughput({ cases: 4, perCase: 1, trials: 4 })));

const fmt = (x: number | null) => (x === null || Number.isNaN(x) ? '—' : Math.abs(x) >= 100 ? x.toFixed(0) : x.toFixed(2));
const table = [
  ['scenario', 'figure', 'value', 'baseline', 'ratio', 'target'],
  ...rows.map((r) => [r.scenario, r.figure, fmt(r.value), fmt(r.baseline), fmt(r.ratio), r.target]),
];
const widths = table[0].map((_, i) => Math.max(...table.map((r) => r[i].length)));
for (const r of table) console.log(r.map((c, i) => c.padEnd(widths[i])).join('  '));
console.log(`\n${smoke ? 'smoke run' : 'full suite'} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
// --out FILE writes the JSON there instead (the smoke test keeps it out of the checkout).
const at = process.argv.indexOf('--out');
const dir = fileURLToPath(new URL('./results/', import.meta.url));
const file = at > 0 && process.argv[at + 1] ? process.argv[at + 1] : `${dir}latest${smoke ? '-smoke' : ''}.json`;
mkdirSync(dirname(file), { recursive: true });
writeFileSync(file, `${JSON.stringify({ date: new Date().toISOString(), smoke, node: process.version, rows }, null, 2)}\n`);
