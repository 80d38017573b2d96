import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { logprobVsGenerate, type BenchRow } from './logprob-vs-generate.js';

/** `npm run bench`: every scenario, a table, and bench/results/latest.json. `--smoke` runs a tiny version. */
const smoke = process.argv.includes('--smoke');
const rows: BenchRow[] = [];
rows.push(...(await logprobVsGenerate(smoke ? 3 : 20)));

const fmt = (x: number | null) => (x === null ? '—' : Math.abs(x) >= 100 ? x.toFixed(0) : x.toFixed(3));
const table = [['scenario', 'figure', 'value', 'baseline', 'ratio', 'target'], ...rows.map((r) => [r.scenario, r.figure, fmt(r.value), fmt(r.baseline), fmt(r.ratio), r.target])];
const widths = table[0].map((_, i) => Math.max(...table.map((r) => r[i].length)));
for (const r of table) console.log(r.map((c, i) => c.padEnd(widths[i])).join('  '));
const dir = fileURLToPath(new URL('./results/', import.meta.url));
mkdirSync(dir, { recursive: true });
writeFileSync(`${dir}latest.json`, JSON.stringify({ date: new Date().toISOString(), smoke, node: process.version, rows }, null, 2) + '\n');
