import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli, tempDir } from '../support/cli.js';

describe('masld report bootstraps on worker threads', () => {
  it('gives byte-identical results on one thread and on a pool', async () => {
    const out = join(tempDir(), 'run');
    const audit = await runCli(['audit', '--limit', '30', '--out', out, '--no-progress'], { env: { MASLD_BOOTSTRAP_THREADS: '1' } });
    assert.equal(audit.code, 0, audit.stderr);
    const one = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    const pooled = await runCli(['report', out], { env: { MASLD_BOOTSTRAP_THREADS: '3' } });
    assert.equal(pooled.code, 0, pooled.stderr);
    const many = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    assert.ok(one.models.length > 1, 'several models, so the pool is used');
    assert.deepEqual({ ...many, generatedAt: null }, { ...one, generatedAt: null });

    const before = readFileSync(join(out, 'results.json'), 'utf8');
    const bad = await runCli(['report', out], { env: { MASLD_BOOTSTRAP_THREADS: 'two' } });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /MASLD_BOOTSTRAP_THREADS must be a whole number.*"two"/);
    assert.equal(readFileSync(join(out, 'results.json'), 'utf8'), before, 'outputs untouched');
    assert.deepEqual(
      readdirSync(out).filter((f) => f.endsWith('.tmp')),
      [],
      'no temporary file left behind',
    );
  });
});
