import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ROOT } from '../support/cli.js';

/** Benchmarks are not tests: CI runs a tiny version only, so the suite keeps working. */
describe('bench smoke', () => {
  it('runs the benchmark suite at toy scale and writes its table', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'bench', 'run.ts'), '--smoke'], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /overhead, instant loopback server, concurrency 16/);
    const json = JSON.parse(readFileSync(join(ROOT, 'bench', 'results', 'latest-smoke.json'), 'utf8'));
    assert.ok(json.rows.length >= 2);
    assert.ok(json.rows.every((x: { value: number }) => Number.isFinite(x.value)));
  });
});
