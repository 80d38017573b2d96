import assert from 'node:assert/strict';
import fs, { rmSync, truncateSync, writeFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { loadCases } from '../../src/cases/load.js';
import { loadConfigFile } from '../../src/config/load.js';
import { MAX_INPUT_BYTES } from '../../src/util/text-file.js';
import { runCli, tempDir as makeTemp } from '../support/cli.js';

/** A sparse file of the given size: no disk or memory cost until read. */
function sparse(dir: string, name: string, size: number): string {
  const p = join(dir, name);
  writeFileSync(p, '');
  truncateSync(p, size);
  return p;
}

/** Counts readFileSync calls on `path` while fn runs (named ESM imports of node:fs see the spy). */
function readsOf(path: string, fn: () => void): number {
  const real = fs.readFileSync;
  let reads = 0;
  fs.readFileSync = ((p: fs.PathOrFileDescriptor, ...rest: unknown[]) => {
    if (p === path) reads++;
    return (real as (...a: unknown[]) => unknown)(p, ...rest);
  }) as typeof fs.readFileSync;
  syncBuiltinESMExports();
  try {
    fn();
  } finally {
    fs.readFileSync = real;
    syncBuiltinESMExports();
  }
  return reads;
}

const refusedBySize = (file: string) => (e: Error & { code?: string }) =>
  e.code === 'E_INPUT' && /the limit is 64 MB/.test(e.message) && e.message.includes(file);

describe('input files over 64 MB', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const d = makeTemp();
    dirs.push(d);
    return d;
  };
  after(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('a case file or config one byte over the cap is refused by its size, never read', () => {
    const dir = tempDir();
    assert.equal(MAX_INPUT_BYTES, 64 * 1024 * 1024);
    const cases = sparse(dir, 'big.jsonl', MAX_INPUT_BYTES + 1);
    const config = sparse(dir, 'big.yaml', MAX_INPUT_BYTES + 1);
    assert.equal(
      readsOf(cases, () => assert.throws(() => loadCases({ path: cases }), refusedBySize(cases))),
      0,
    );
    assert.equal(
      readsOf(config, () => assert.throws(() => loadConfigFile(config), refusedBySize(config))),
      0,
    );
  });

  it('a file of exactly 64 MB passes the size check and is read (then refused as binary: it is all NUL bytes)', () => {
    const dir = tempDir();
    const cases = sparse(dir, 'edge.jsonl', MAX_INPUT_BYTES);
    const reads = readsOf(cases, () =>
      assert.throws(
        () => loadCases({ path: cases }),
        (e: Error) => /looks binary/.test(e.message),
      ),
    );
    assert.equal(reads, 1);
  });

  it('the CLI exits 2 naming the file, with no stack trace', async () => {
    const dir = tempDir();
    const cases = sparse(dir, 'big.jsonl', MAX_INPUT_BYTES + 1);
    const r = await runCli(['cases', 'validate', cases]);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /big\.jsonl/);
    assert.match(r.stderr, /the limit is 64 MB/);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
  });
});
