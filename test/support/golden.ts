import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './cli.js';

/**
 * Outputs are pinned: results.json of the default control-panel audit
 * (test/cli/control-panel.test.ts) and of a MedQA audit against the fake server
 * (test/cli/golden-results.test.ts) must match, byte for byte, the copies under
 * test/golden/, written before the #19 refactor. Only the timestamp and the
 * machine's own paths are masked. A change meant to move a number regenerates
 * them with MASLD_UPDATE_GOLDEN=1 and says why in its commit.
 */
const GOLDEN = join(ROOT, 'test', 'golden');
const UPDATE = process.env.MASLD_UPDATE_GOLDEN === '1';

/** results.json with its timestamp and the given paths replaced by placeholders. */
export function normaliseResults(text: string, paths: Record<string, string>): string {
  let out = text.replace(/"generatedAt": "[^"]*"/g, '"generatedAt": "<time>"');
  for (const [name, p] of Object.entries(paths)) out = out.split(JSON.stringify(p).slice(1, -1)).join(`<${name}>`);
  return out;
}

export function compareWithGolden(name: string, got: string): void {
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
