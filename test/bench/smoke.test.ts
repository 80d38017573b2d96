import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ROOT, tempDir } from '../support/cli.js';

/** Benchmarks are not tests: CI runs a tiny version only, so the suite keeps working. */
describe('bench smoke', () => {
  it('runs the benchmark suite at toy scale and writes its table', () => {
    const dir = tempDir();
    const out = join(dir, 'smoke.json');
    const started = new Date().toISOString();
    // Run from a temp folder and written to a fresh file: nothing lands in the checkout, and no earlier run's file can pass for this one.
    const r = spawnSync(process.execPath, ['--import', import.meta.resolve('tsx'), join(ROOT, 'bench', 'run.ts'), '--smoke', '--out', out], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 120_000,
    });
    assert.equal(r.status, 0, r.stderr);
    assert.ok(existsSync(out), `${out} was not written`);
    const json = JSON.parse(readFileSync(out, 'utf8')) as { date: string; smoke: boolean; rows: { scenario: string; figure: string; value: number }[] };
    assert.equal(json.smoke, true);
    assert.ok(json.date >= started, `dated ${json.date}, before the run began at ${started}`);
    assert.ok(
      json.rows.some((x) => x.scenario === 'overhead, instant loopback server, concurrency 16'),
      json.rows.map((x) => x.scenario).join('; '),
    );
    assert.ok(json.rows.every((x) => Number.isFinite(x.value)));
    // The table printed is the file's rows, one line each, in order.
    const lines = r.stdout.split('\n');
    let at = 0;
    for (const row of json.rows) {
      const i = lines.findIndex((l, k) => k >= at && l.startsWith(row.scenario) && l.includes(row.figure));
      assert.ok(i >= 0, `no table line for ${row.scenario} · ${row.figure}`);
      at = i + 1;
    }
  });
});
