import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { runCli, tempDir } from '../support/cli.js';

const calls = (out: string) => Number(/^control:resilient\s+TOTAL\s+\S+\s+([\d,]+)/m.exec(out)![1].replaceAll(',', ''));
const row = (out: string, condition: string) =>
  Number(new RegExp(`^control:resilient\\s+${condition}\\s+\\S+\\s+([\\d,]+)`, 'm').exec(out)?.[1].replaceAll(',', '') ?? 0);

it('--dry-run shows what the doses above 1 add, and doses: [1] plans exactly the single-dose calls', async () => {
  const dir = tempDir();
  const one = join(dir, 'one.yaml');
  writeFileSync(one, 'doses: [1]\n');
  const graded = await runCli(['audit', '--dry-run', '--limit', '12', '--model', 'control:resilient']);
  const single = await runCli(['audit', '--dry-run', '--limit', '12', '--model', 'control:resilient', '--config', one]);
  assert.equal(graded.code, 0, graded.stderr);
  assert.equal(single.code, 0, single.stderr);
  const extra = ['distractor', 'anchoring', 'emotional', 'lay_voice', 'buried_lead'].flatMap((p) => [
    row(graded.stdout, `${p}@2`),
    row(graded.stdout, `${p}@4`),
  ]);
  const added = extra.reduce((a, b) => a + b, 0);
  assert.ok(extra.filter((n) => n > 0).length >= 8, `doses 2 and 4 are planned for the narrative probes: ${extra}`);
  assert.equal(calls(graded.stdout), calls(single.stdout) + added, 'the doses above 1 are the only extra calls');
  assert.match(graded.stdout, new RegExp(`Graded stress: ${added.toLocaleString('en-US')} of the ${calls(graded.stdout).toLocaleString('en-US')} calls`));
  assert.doesNotMatch(single.stdout, /Graded stress/);
  assert.doesNotMatch(single.stdout, /@\d/);
});
