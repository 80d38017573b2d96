import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { promptOptions, startFakeOpenAI } from '../support/fake-openai.js';
import { MEDQA, ROOT, runCli, tempDir } from '../support/cli.js';
import { MEDQA_DATA, needs } from '../support/needs.js';
import { medqaGold, optionKey } from '../support/oracle.js';

/**
 * Outputs are pinned: results.json of two audits must match, byte for byte, the
 * copies under test/golden/ that were written before a refactor. Only the
 * timestamp and the machine's own paths are masked. A change that is meant to
 * move a number regenerates them with MASLD_UPDATE_GOLDEN=1 and says why in
 * its commit.
 */
const GOLDEN = join(ROOT, 'test', 'golden');
const UPDATE = process.env.MASLD_UPDATE_GOLDEN === '1';
const MEDQA_N = 40;

function normalise(text: string, paths: Record<string, string>): string {
  let out = text.replace(/"generatedAt": "[^"]*"/g, '"generatedAt": "<time>"');
  for (const [name, p] of Object.entries(paths)) out = out.split(JSON.stringify(p).slice(1, -1)).join(`<${name}>`);
  return out;
}

function compareWithGolden(name: string, got: string): void {
  const file = join(GOLDEN, name);
  if (UPDATE) {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(file, got);
    return;
  }
  assert.ok(existsSync(file), `${file} is missing; write it with MASLD_UPDATE_GOLDEN=1 on the code before the change`);
  const want = readFileSync(file, 'utf8');
  if (got === want) return;
  const a = got.split('\n');
  const b = want.split('\n');
  const i = a.findIndex((l, k) => l !== b[k]);
  assert.fail(`${name} differs from the golden copy first at line ${i + 1}:\n  got:  ${a[i]}\n  want: ${b[i]}`);
}

it('the default control-panel audit writes the pinned results.json', async () => {
  const dir = tempDir();
  const out = join(dir, 'out');
  const r = await runCli(['audit', '--out', out, '--no-progress'], { cwd: dir, timeoutMs: 300_000 });
  assert.equal(r.code, 0, r.stderr);
  compareWithGolden('control-panel.results.json', normalise(readFileSync(join(out, 'results.json'), 'utf8'), { out, dir }));
});

/** Two designed models: right or wrong by a hash of the whole prompt, so every probe and counterfactual moves some answers. */
function answerer(gold: Map<string, string>) {
  return (userText: string, model: string): string => {
    const opts = promptOptions(userText);
    const g = gold.get(optionKey(opts.map((o) => o.text)));
    if (!g || opts.length === 0) return 'I cannot tell.';
    const right = opts.find((o) => o.text.replace(/\s+/g, ' ').trim() === g)?.letter ?? opts[0].letter;
    const h = createHash('sha256').update(`${model}\u0000${userText}`).digest();
    const share = model === 'steady' ? 0.1 : 0.35;
    const letter = h[0] / 256 < share ? opts[(opts.findIndex((o) => o.letter === right) + 1 + (h[1] % (opts.length - 1))) % opts.length].letter : right;
    return h[2] % 5 === 0 ? `The answer is (${letter}).` : `{"answer": "${letter}"}`;
  };
}

it('a MedQA audit against the fake server writes the pinned results.json', { skip: needs(MEDQA_DATA) }, async () => {
  const answer = answerer(medqaGold(MEDQA, MEDQA_N));
  const server = await startFakeOpenAI({ answer: (u, b) => answer(u, b.model) });
  try {
    const dir = tempDir();
    const out = join(dir, 'out');
    const config = join(dir, 'audit.yaml');
    const model = (id: string) => `  - id: ${id}\n    provider: openai-compatible\n    baseUrl: ${server.url}\n    model: ${id}\n`;
    writeFileSync(config, `cases:\n  path: ${MEDQA}\n  limit: ${MEDQA_N}\nmodels:\n${['steady', 'shaky'].map(model).join('')}bootstrap:\n  resamples: 1000\n`);
    const r = await runCli(['audit', '--config', config, '--out', out, '--no-progress'], { cwd: dir, timeoutMs: 300_000 });
    assert.equal(r.code, 0, r.stderr);
    compareWithGolden('medqa-fake.results.json', normalise(readFileSync(join(out, 'results.json'), 'utf8'), { out, dir, medqa: MEDQA, server: server.url }));
  } finally {
    await server.close();
  }
});
