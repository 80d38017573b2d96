import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { startFakeOpenAI } from '../support/fake-openai.js';
import { MEDQA, runCli, tempDir } from '../support/cli.js';
import { compareWithGolden, normaliseResults } from '../support/golden.js';
import { MEDQA_DATA, needs } from '../support/needs.js';
import { hashAnswerer, medqaGold } from '../support/oracle.js';

// The MedQA half of the pinned outputs (test/support/golden.ts); the control-panel half is in control-panel.test.ts,
// which runs the default audit anyway. It runs at `doses: [1]`, and its golden was written before probes had doses:
// the single-dose plan, its variants (the set's sha256) and every figure stay byte for byte what they were (issue 22).
const MEDQA_N = 40;

it('a MedQA audit against the fake server writes the pinned results.json', { skip: needs(MEDQA_DATA) }, async () => {
  const answer = hashAnswerer(medqaGold(MEDQA, MEDQA_N));
  const server = await startFakeOpenAI({ answer: (u, b) => answer(u, b.model) });
  try {
    const dir = tempDir();
    const out = join(dir, 'out');
    const config = join(dir, 'audit.yaml');
    const model = (id: string) => `  - id: ${id}\n    provider: openai-compatible\n    baseUrl: ${server.url}\n    model: ${id}\n`;
    const models = ['steady', 'shaky'].map(model).join('');
    writeFileSync(config, `cases:\n  path: ${MEDQA}\n  limit: ${MEDQA_N}\nmodels:\n${models}bootstrap:\n  resamples: 1000\ndoses: [1]\n`);
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
