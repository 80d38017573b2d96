import assert from 'node:assert/strict';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli, tempDir } from '../support/cli.js';

const CASE = {
  id: 'x-1',
  specialty: 's',
  vignette: 'A {{age}}-year-old {{sex:man|woman}} has pain.',
  question: 'Next?',
  options: { A: 'Rest', B: 'Surgery' },
  answer: 'A',
  demographics: { age: 50, sex: 'male' },
};
const jl = (...rows: unknown[]) => `${rows.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n')}\n`;

interface Bad {
  name: string;
  config?: string;
  cases?: string | Buffer;
  casesName?: string;
  args?: string[];
  env?: NodeJS.ProcessEnv;
  expect: RegExp;
  where?: RegExp;
}

/** Bad inputs a user can give: each must exit 2 with a message naming the file and the line or key. */
const CORPUS: Bad[] = [
  { name: 'malformed YAML', config: 'seed: 7\nmodels: [\n', expect: /YAML syntax error/, where: /audit\.yaml:\d+/ },
  { name: 'YAML tab indentation', config: 'cases:\n\tlimit: 3\n', expect: /YAML syntax error/, where: /audit\.yaml:\d+/ },
  { name: 'duplicate YAML key', config: 'seed: 1\nseed: 2\n', expect: /YAML syntax error|duplicate|unique/i, where: /audit\.yaml/ },
  { name: 'config is a list', config: '- a\n- b\n', expect: /must be a YAML mapping/, where: /audit\.yaml:1/ },
  { name: 'unknown top-level key', config: 'retests: 1\n', expect: /unknown key "retests"/, where: /audit\.yaml:1: retests/ },
  { name: 'unknown nested key', config: 'cases:\n  lmit: 3\n', expect: /unknown key "lmit"/, where: /audit\.yaml:2: cases\.lmit/ },
  {
    name: 'unknown model key',
    config: 'models:\n  - {id: a, provider: openai, model: m, apikey: x}\n',
    expect: /unknown key "apikey"/,
    where: /models\[0\]\.apikey/,
  },
  { name: 'wrong type: seed', config: 'seed: seven\n', expect: /expected number/, where: /audit\.yaml:1: seed/ },
  { name: 'wrong type: retest negative', config: 'retest: -1\n', expect: />=0|too small|at least/i, where: /retest/ },
  { name: 'wrong type: doubleStress', config: 'doubleStress: maybe\n', expect: /expected boolean/, where: /doubleStress/ },
  { name: 'wrong type: concurrency zero', config: 'concurrency: 0\n', expect: /too small|>0|positive/i, where: /concurrency/ },
  {
    name: 'wrong type: temperature',
    config: 'models:\n  - {id: a, provider: openai, model: m, temperature: hot}\n',
    expect: /expected number/,
    where: /models\[0\]\.temperature/,
  },
  { name: 'unknown probe', config: 'probes: [distractor, shouting]\n', expect: /distractor/, where: /probes\[1\]/ },
  { name: 'unknown counterfactual', config: 'counterfactuals: [sex, religion]\n', expect: /sex/, where: /counterfactuals\[1\]/ },
  { name: 'unknown provider', config: 'models:\n  - {id: a, provider: gemini, model: m}\n', expect: /openai-compatible/, where: /models\[0\]\.provider/ },
  {
    name: 'unknown control',
    config: 'models:\n  - {id: a, provider: control, model: stoic}\n',
    expect: /unknown control "stoic"/,
    where: /models\[0\]\.model/,
  },
  { name: 'missing baseUrl', config: 'models:\n  - {id: a, provider: openai-compatible, model: m}\n', expect: /baseUrl/, where: /models\[0\]\.baseUrl/ },
  {
    name: 'bad baseUrl',
    config: 'models:\n  - {id: a, provider: openai-compatible, model: m, baseUrl: "ftp://x"}\n',
    expect: /URL|url/,
    where: /models\[0\]\.baseUrl/,
  },
  {
    name: 'key pasted as variable name',
    config: 'models:\n  - {id: a, provider: openai, model: m, apiKeyEnv: "sk-live-123"}\n',
    expect: /environment variable name/,
    where: /apiKeyEnv/,
  },
  {
    name: 'missing API key variable',
    config: 'models:\n  - {id: a, provider: openai, model: m}\n',
    env: { OPENAI_API_KEY: '' },
    expect: /OPENAI_API_KEY/,
    where: /models\[0\]\.apiKeyEnv/,
  },
  {
    name: 'named key variable unset',
    config: 'models:\n  - {id: a, provider: openai-compatible, model: m, baseUrl: "http://127.0.0.1:9/v1", apiKeyEnv: MY_UNSET_KEY_VAR}\n',
    expect: /MY_UNSET_KEY_VAR/,
    where: /apiKeyEnv/,
  },
  {
    name: 'duplicate model ids',
    config: 'models:\n  - {id: a, provider: control, model: labile}\n  - {id: a, provider: control, model: biased}\n',
    expect: /share the id "a"/,
    where: /models\[1\]\.id/,
  },
  { name: 'bad phenotype threshold name', config: 'phenotype: {labile: 0.2}\n', expect: /unknown key "labile"/, where: /phenotype\.labile/ },
  { name: 'missing config file', args: ['--config', 'nope.yaml'], expect: /config file not found/, where: /nope\.yaml/ },
  { name: 'empty case file', cases: '', expect: /empty/, where: /cases\.jsonl/ },
  { name: 'answer outside the options', cases: jl({ ...CASE, answer: 'D' }), expect: /"D" is not one of the options/, where: /cases\.jsonl:1/ },
  { name: 'unresolved slot', cases: jl({ ...CASE, vignette: 'A {{age}}-year-old {{gender:m|f}} has pain.' }), expect: /unknown slot/, where: /cases\.jsonl:1/ },
  { name: 'unclosed slot', cases: jl({ ...CASE, vignette: 'A {{age-year-old man.' }), expect: /unclosed slot/, where: /cases\.jsonl:1/ },
  { name: 'slot without demographics', cases: jl({ ...CASE, demographics: undefined }), expect: /demographics\.age is not set/, where: /cases\.jsonl:1/ },
  { name: 'duplicate id', cases: jl(CASE, CASE), expect: /duplicate id "x-1"/, where: /cases\.jsonl:2/ },
  { name: 'one option only', cases: jl({ ...CASE, options: { A: 'Rest' } }), expect: /needs 2 to 10 options/, where: /cases\.jsonl:1/ },
  {
    name: 'option letters with a gap',
    cases: jl({ ...CASE, options: { A: 'Rest', C: 'Surgery' } }),
    expect: /option letters must be A, B/,
    where: /cases\.jsonl:1/,
  },
  { name: 'same option twice', cases: jl({ ...CASE, options: { A: 'Rest', B: 'rest' } }), expect: /same text/, where: /cases\.jsonl:1/ },
  { name: 'unknown case field', cases: jl({ ...CASE, difficulty: 3 }), expect: /Unrecognized key/i, where: /cases\.jsonl:1/ },
  { name: 'invalid JSON line in the middle', cases: jl(CASE, '{"id": "x-2",', { ...CASE, id: 'x-3' }), expect: /not valid JSON/, where: /cases\.jsonl:2/ },
  {
    name: 'critical fact absent',
    cases: jl({ ...CASE, criticalVariant: { replace: { from: 'INR 9', to: 'INR 1' }, answer: 'B' } }),
    expect: /criticalVariant/,
    where: /cases\.jsonl:1/,
  },
  {
    name: 'MedQA record with answer_idx outside',
    casesName: 'medqa.jsonl',
    cases: jl({ question: 'Q?', options: { A: 'a', B: 'b' }, answer_idx: 'E' }),
    expect: /answer_idx/,
    where: /medqa\.jsonl:1/,
  },
  { name: 'CSV with missing columns', casesName: 'mmlu.csv', cases: 'Q1?,a,b,c,d,A\nQ2?,a,b\n', expect: /expected 6 columns/, where: /mmlu\.csv:2/ },
  { name: 'CSV with a bad answer letter', casesName: 'mmlu.csv', cases: 'Q1?,a,b,c,d,Z\n', expect: /not A, B, C or D/, where: /mmlu\.csv:1/ },
  { name: 'CSV with an unclosed quote', casesName: 'mmlu.csv', cases: 'Q1?,a,b,c,d,A\n"Q2?,a,b,c,d,A\n', expect: /CSV syntax error/, where: /mmlu\.csv/ },
  { name: 'binary file', cases: Buffer.from([0x7b, 0x22, 0x00, 0xff, 0x10]), expect: /binary/, where: /cases\.jsonl:1/ },
  {
    name: 'UTF-16 file',
    cases: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(JSON.stringify(CASE), 'utf16le')]),
    expect: /UTF-16/,
    where: /cases\.jsonl/,
  },
  { name: 'unknown format by content', casesName: 'cases.txt', cases: jl({ prompt: 'x' }), expect: /cannot tell the format/, where: /cases\.txt:1/ },
  { name: 'a folder with no case files', casesName: 'emptydir/', expect: /holds no case files/, where: /emptydir/ },
  { name: 'bad flag value', args: ['--limit', '0'], expect: /--limit must be a whole number/ },
  { name: 'bad model spec', args: ['--model', 'openai-compatible:nameonly'], expect: /NAME@http/ },
  { name: 'bad gate', args: ['--fail-on', 'mi<<1'], expect: /is not a gate/ },
];

async function check(b: Bad): Promise<string | null> {
  const dir = tempDir();
  const args = ['audit', '--out', join(dir, 'out'), '--no-progress'];
  if (b.config !== undefined) {
    writeFileSync(join(dir, 'audit.yaml'), b.config);
    args.push('--config', join(dir, 'audit.yaml'));
  }
  if (b.cases !== undefined || b.casesName) {
    const name = b.casesName ?? 'cases.jsonl';
    const path = join(dir, name);
    if (name.endsWith('/')) (await import('node:fs')).mkdirSync(path);
    else writeFileSync(path, b.cases ?? '');
    args.push('--cases', path);
  }
  args.push(...(b.args ?? []));
  const r = await runCli(args, { cwd: dir, env: b.env });
  const problems: string[] = [];
  if (r.code !== 2) problems.push(`exit ${r.code}`);
  if (!b.expect.test(r.stderr)) problems.push(`message lacks ${b.expect}`);
  if (b.where && !b.where.test(r.stderr)) problems.push(`message does not name ${b.where}`);
  if (/\n\s+at /.test(r.stderr)) problems.push('stack trace');
  if (existsSync(join(dir, 'out')) && readdirSync(join(dir, 'out')).some((f) => f.startsWith('results'))) problems.push('wrote results');
  return problems.length ? `${b.name}: ${problems.join('; ')} — stderr: ${r.stderr.trim().slice(0, 300)}` : null;
}

describe('bad input corpus', () => {
  it(`rejects all ${CORPUS.length} bad inputs with exit 2, a located message, and no results`, async () => {
    // The check itself can fail: a good input, run the same way, is reported on every count.
    const control = await check({ name: 'a good case file', cases: jl(CASE), expect: /\[E_/ });
    assert.match(control ?? '', /^a good case file: exit 0; message lacks .*; wrote results/);
    const failures: string[] = [];
    for (let i = 0; i < CORPUS.length; i += 4) {
      for (const f of await Promise.all(CORPUS.slice(i, i + 4).map(check))) if (f) failures.push(f);
    }
    assert.deepEqual(failures, []);
  });
});
