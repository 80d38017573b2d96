import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { runCli, tempDir } from '../support/cli.js';

describe('masld export: inputs and atomic output', () => {
  let run: string;
  before(async () => {
    run = join(tempDir(), 'run');
    const r = await runCli(['audit', '--model', 'control:labile', '--model', 'control:resilient', '--limit', '25', '--out', run, '--no-progress']);
    assert.equal(r.code, 0, r.stderr);
  });

  it('exits 2 naming the folder when it holds no run, and naming --format when the format is unknown', async () => {
    const missing = join(tempDir(), 'nowhere');
    const a = await runCli(['export', missing, '--format', 'jsonl']);
    assert.equal(a.code, 2);
    assert.match(a.stderr, new RegExp(`${missing}: no audit.sqlite here`));
    const empty = tempDir();
    const b = await runCli(['export', empty, '--format', 'inspect']);
    assert.equal(b.code, 2);
    assert.match(b.stderr, /no audit\.sqlite here/);
    const c = await runCli(['export', run, '--format', 'parquet']);
    assert.equal(c.code, 2);
    assert.match(c.stderr, /--format: unknown format "parquet"; formats are inspect, jsonl \[E_USAGE\]/);
    const d = await runCli(['export', run]);
    assert.equal(d.code, 2, 'the format is required');
    assert.equal(readdirSync(run).filter((n) => n === 'inspect' || n === 'calls.jsonl').length, 0, 'nothing was written');
  });

  it('refuses an existing jsonl file without --force and leaves it untouched', async () => {
    const out = join(tempDir(), 'rows.jsonl');
    writeFileSync(out, 'mine\n');
    const r = await runCli(['export', run, '--format', 'jsonl', '--out', out]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /rows\.jsonl: already exists; pass --force/);
    assert.equal(readFileSync(out, 'utf8'), 'mine\n');
    const forced = await runCli(['export', run, '--format', 'jsonl', '--out', out, '--force']);
    assert.equal(forced.code, 0, forced.stderr);
    assert.ok(readFileSync(out, 'utf8').split('\n').length > 1000);
  });

  it('killed while writing, leaves no output that looks complete', async () => {
    for (const format of ['inspect', 'jsonl'] as const) {
      const parent = tempDir();
      const out = join(parent, format === 'inspect' ? 'logs' : 'rows.jsonl');
      // Killed the moment its temporary output appears, whatever the machine's load.
      const r = await runCli(['export', run, '--format', format, '--out', out], {
        signalWhen: { signal: 'SIGKILL', ready: () => readdirSync(parent).some((n) => n.endsWith('.tmp')) },
      });
      if (r.signal !== 'SIGKILL') {
        // It finished first: then the output is whole.
        assert.equal(r.code, 0, r.stderr);
        continue;
      }
      assert.equal(existsSync(out), false, `${format}: no ${out} after a kill`);
      // Run again, it writes the output whole.
      mkdirSync(parent, { recursive: true });
      const again = await runCli(['export', run, '--format', format, '--out', out]);
      assert.equal(again.code, 0, again.stderr);
      assert.ok(existsSync(out));
    }
  });
});
