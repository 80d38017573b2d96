import { existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveAudit } from '../src/audit/resolve.js';
import { modelConfigSchema } from '../src/config/schema.js';
import { llamaCppProvider } from '../src/models/providers/llamacpp/provider.js';
import type { ChatRequest, Provider } from '../src/models/types.js';
import { buildMessages, DEFAULT_SYSTEM } from '../src/prompt/build.js';
import type { Variant } from '../src/variants/types.js';
import type { BenchRow } from './logprob-vs-generate.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const MODEL = join(ROOT, '..', 'shared', 'models', 'stories260K-f32.gguf');
const MEDQA = join(ROOT, '..', 'shared', 'data', 'medqa-usmle', 'medqa_us_4opt_test.jsonl');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The requests an audit sends for the first `perCase` variants of each of `cases` cases, in plan order (a case's variants together). */
function auditRequests(cases: number, perCase: number): ChatRequest[] {
  const config = join(tmpdir(), `masld-bench-${process.pid}-llama.yaml`);
  const source = existsSync(MEDQA) ? `{path: "${MEDQA}", limit: ${cases}}` : `{limit: ${cases}}`;
  writeFileSync(config, `cases: ${source}\ndoses: [1]\nmodels:\n  - {id: m, provider: llamacpp, model: "${MODEL}", threads: 1}\n`);
  const byCase = new Map<string, Variant[]>();
  for (const v of resolveAudit({ config }).variantSet.variants) byCase.set(v.caseId, [...(byCase.get(v.caseId) ?? []), v]);
  const signal = new AbortController().signal;
  return [...byCase.values()]
    .flatMap((vs) => vs.slice(0, perCase))
    .map((v) => ({
      messages: buildMessages(v, { system: DEFAULT_SYSTEM, style: 'direct' }),
      temperature: 0,
      maxTokens: 40,
      choices: Object.keys(v.options),
      signal,
    }));
}

/** Every request through `p` with `workers` in flight, as the executor sends them; the seconds taken and each answer's letter probabilities. */
async function pass(p: Provider, reqs: ChatRequest[], workers: number) {
  const probs: Record<string, number>[] = new Array(reqs.length);
  let next = 0;
  const t = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async () => {
      for (let i = next++; i < reqs.length; i = next++) probs[i] = (await p.complete(reqs[i])).letterProbs!;
    }),
  );
  return { s: (performance.now() - t) / 1000, probs };
}

interface Setup {
  name: string;
  reusePrefix: boolean;
  sequences: number;
  flashAttention?: boolean;
  /** The setup (index) this one's calls/s are compared with; the no-reuse baseline if absent. */
  against?: number;
}

const SETUPS: Setup[] = [
  { name: 'reuse, sequences 1', reusePrefix: true, sequences: 1 },
  { name: 'reuse, sequences 2', reusePrefix: true, sequences: 2 },
  { name: 'reuse, sequences 4', reusePrefix: true, sequences: 4 },
  // flashAttention: false moves letter probabilities, so it is compared with the same setup at the default (auto, on here).
  { name: 'reuse, sequences 1, flash attention off', reusePrefix: true, sequences: 1, flashAttention: false, against: 0 },
  { name: 'reuse, sequences 2, flash attention off', reusePrefix: true, sequences: 2, flashAttention: false, against: 1 },
  { name: 'reuse, sequences 4, flash attention off', reusePrefix: true, sequences: 4, flashAttention: false, against: 2 },
];

/**
 * Local log-probability scoring, calls/s on stories260K (F32, 1 thread) at
 * sequences 1, 2 and 4 with prefix reuse, against the path without reuse at
 * sequences 1 (the provider before the change) on the same requests in the
 * same run; and the same with flash attention off, against the default. Trials
 * alternate the setups, each going first in turn; each figure is a median. Every
 * setup's letter probabilities are compared with the baseline's (flash attention at its default).
 */
export async function llamacppThroughput(o: { cases: number; perCase: number; trials: number }): Promise<BenchRow[]> {
  const scenario = `llamacpp logprob scoring (stories260K F32, 1 thread), ${o.perCase > 1 ? "a case's variants together" : 'distinct cases'}`;
  if (!existsSync(MODEL)) return [{ scenario, figure: 'skipped', value: 0, baseline: null, ratio: null, target: 'n/a', note: `${MODEL} absent` }];
  const reqs = auditRequests(o.cases, o.perCase);
  const make = (s: Omit<Setup, 'name' | 'against'>) =>
    llamaCppProvider(modelConfigSchema.parse({ id: 'b', provider: 'llamacpp', model: MODEL, threads: 1, contextSize: 2048, ...s }), process.env);
  const base: number[] = [];
  const times = SETUPS.map(() => [] as number[]);
  const maxDiff = SETUPS.map(() => 0);
  for (let t = 0; t < o.trials; t++) {
    // Fresh contexts each trial: no trial starts with another's prompts cached.
    const baseP = make({ reusePrefix: false, sequences: 1 });
    const ps = SETUPS.map(({ name, against, ...s }) => make(s));
    for (const p of [baseP, ...ps]) await p.describe!();
    // The setups take turns going first, so a load that drifts during a trial hits each alike.
    const order = [-1, ...SETUPS.keys()].map((_, k, all) => all[(k + t) % all.length]);
    let b: Awaited<ReturnType<typeof pass>> | undefined;
    const got: Awaited<ReturnType<typeof pass>>[] = [];
    for (const i of order) {
      if (i < 0) b = await pass(baseP, reqs, 1);
      else got[i] = await pass(ps[i], reqs, SETUPS[i].sequences);
    }
    base.push(b!.s);
    for (const [i, r] of got.entries()) {
      times[i].push(r.s);
      for (const [k, pr] of r.probs.entries()) for (const l of Object.keys(pr)) maxDiff[i] = Math.max(maxDiff[i], Math.abs(pr[l] - b!.probs[k][l]));
    }
    for (const p of [baseP, ...ps]) await p.close!();
  }
  const baseline = reqs.length / median(base);
  // How much of each prompt the previous one already holds (characters; what a sequence could reuse at sequences 1).
  const text = reqs.map((r) => r.messages.map((m) => m.content).join('\n'));
  const common = (a: string, b: string) => {
    let i = 0;
    while (i < a.length && a[i] === b[i]) i++;
    return i;
  };
  const shared = text.reduce((n, t, i) => n + (i ? common(t, text[i - 1]) : 0), 0) / text.reduce((n, t) => n + t.length, 0);
  const what =
    `${reqs.length} calls: the first ${o.perCase} variant(s) of ${o.cases} MedQA cases in plan order; median ` +
    `of ${o.trials} alternating trials; ${(100 * shared).toFixed(0)}% of prompt characters shared with the ` +
    'previous call';
  return [
    ...SETUPS.map((s, i) => {
      const value = reqs.length / median(times[i]);
      const against = s.against === undefined ? baseline : reqs.length / median(times[s.against]);
      const target = s.against === undefined ? '≥ 1.5× no reuse, sequences 1' : `≥ 1.5× ${SETUPS[s.against].name}`;
      return { scenario, figure: `calls/s, ${s.name}`, value, baseline: against, ratio: value / against, target, note: what };
    }),
    ...SETUPS.map((s, i) => ({
      scenario,
      figure: `max |Δ letter probability| vs no reuse, ${s.name}`,
      value: maxDiff[i],
      baseline: null,
      ratio: null,
      target: s.flashAttention === false ? 'reported (off changes the kernels)' : '≤ 1e-6',
      note: 'every call of every trial',
    })),
  ];
}
