import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCases } from '../src/cases/load.js';
import { modelConfigSchema } from '../src/config/schema.js';
import { llamaCppProvider } from '../src/models/providers/llamacpp/provider.js';
import { buildMessages, DEFAULT_SYSTEM } from '../src/prompt/build.js';
import { parseReply } from '../src/scoring/parse.js';
import { cleanVariant } from '../src/variants/build.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const MODEL = join(ROOT, '..', 'shared', 'models', 'stories260K-f32.gguf');
const MEDQA = join(ROOT, '..', 'shared', 'data', 'medqa-usmle', 'medqa_us_4opt_test.jsonl');

export interface BenchRow {
  scenario: string;
  figure: string;
  value: number;
  baseline: number | null;
  ratio: number | null;
  target: string;
  note?: string;
}

/** Log-probability scoring against generation on the same cases and model: speed-up and answer agreement. */
export async function logprobVsGenerate(cases = 20): Promise<BenchRow[]> {
  if (!existsSync(MODEL))
    return [{ scenario: 'logprob vs generate', figure: 'skipped', value: 0, baseline: null, ratio: null, target: 'n/a', note: `${MODEL} absent` }];
  const set = loadCases(existsSync(MEDQA) ? { path: MEDQA, limit: cases } : { limit: cases });
  const base = { id: 'b', provider: 'llamacpp', model: MODEL, threads: 1, contextSize: 2048 };
  const logprob = llamaCppProvider(modelConfigSchema.parse({ ...base, scoring: 'logprob' }), process.env);
  const generate = llamaCppProvider(modelConfigSchema.parse({ ...base, scoring: 'generate' }), process.env);
  const signal = new AbortController().signal;
  const reqs = set.cases.map((c) => {
    const v = cleanVariant(c);
    return {
      v,
      req: { messages: buildMessages(v, { system: DEFAULT_SYSTEM, style: 'direct' }), temperature: 0, maxTokens: 40, choices: Object.keys(v.options), signal },
    };
  });
  await logprob.describe!();
  await generate.describe!();
  let t = performance.now();
  const a: (string | null)[] = [];
  for (const { v, req } of reqs) a.push(parseReply((await logprob.complete(req)).text, v.options).letter);
  const logprobMs = performance.now() - t;
  t = performance.now();
  const b: (string | null)[] = [];
  for (const { v, req } of reqs) b.push(parseReply((await generate.complete(req)).text, v.options).letter);
  const generateMs = performance.now() - t;
  const agree = a.filter((x, i) => x === b[i]).length / a.length;
  await logprob.close!();
  await generate.close!();
  return [
    {
      scenario: 'logprob vs generate (stories260K F32, 1 thread)',
      figure: `ms per case, logprob (${reqs.length} cases)`,
      value: logprobMs / reqs.length,
      baseline: generateMs / reqs.length,
      ratio: generateMs / logprobMs,
      target: 'several × faster',
      note: 'ratio = generate time / logprob time',
    },
    {
      scenario: 'logprob vs generate (stories260K F32, 1 thread)',
      figure: 'answer agreement',
      value: agree,
      baseline: null,
      ratio: null,
      target: 'reported',
      note: 'a model that knows no medicine agrees by chance; the figure matters for real models',
    },
  ];
}
