import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { promptOptions, startFakeOpenAI } from '../support/fake-openai.js';
import { MEDQA, runCli, tempDir } from '../support/cli.js';
import { compareWithGolden, normaliseResults } from '../support/golden.js';
import { MEDQA_DATA, needs } from '../support/needs.js';
import { medqaGold, optionKey } from '../support/oracle.js';

// The MedQA half of the pinned outputs (test/support/golden.ts); the control-panel half is in control-panel.test.ts,
// which runs the default audit anyway.
const MEDQA_N = 40;

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
    compareWithGolden(
      'medqa-fake.results.json',
      normaliseResults(readFileSync(join(out, 'results.json'), 'utf8'), { out, dir, medqa: MEDQA, server: server.url }),
    );
  } finally {
    await server.close();
  }
});
