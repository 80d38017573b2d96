import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { listProbes } from '../../src/probes/registry.js';
import { MEDQA, runCli, tempDir } from '../support/cli.js';
import { MEDQA_DATA, needs } from '../support/needs.js';

describe('masld probes list', () => {
  it("lists every registered probe, and preview's help names them", async () => {
    const list = await runCli(['probes', 'list']);
    assert.equal(list.code, 0, list.stderr);
    assert.deepEqual(
      list.stdout
        .trimEnd()
        .split('\n')
        .map((l) => l.split(/\s+/)[0]),
      listProbes().map((p) => p.name),
    );
    const help = await runCli(['probes', 'preview', '--help']);
    assert.equal(help.code, 0, help.stderr);
    assert.ok(
      help.stdout.replace(/\s+/g, ' ').includes(
        `probe to apply: ${listProbes()
          .map((p) => p.name)
          .join(', ')} `,
      ),
      help.stdout,
    );
  });
});

describe('masld probes check and sample', () => {
  it('checks every variant of the first 20 bank cases and finds none defective', async () => {
    const json = join(tempDir(), 'check.json');
    const r = await runCli(['probes', 'check', '--limit', '20', '--strict', '--json', json]);
    assert.equal(r.code, 0, r.stderr + r.stdout);
    assert.match(r.stdout, /20 cases \(builtin\), \d+ variants checked/);
    // buried_lead v5 moves the finding in none of the first 20 cases: a probe with no variant shows "0 (—)" and its ineligible cases.
    const empty = listProbes()
      .map((x) => x.name)
      .filter((p) => {
        assert.match(r.stdout, new RegExp(`^${p}\\s+\\d+\\s+0 \\((?:0\\.0%|—)\\)`, 'm'), p);
        return new RegExp(`^${p}\\s+0\\s`, 'm').test(r.stdout);
      });
    assert.ok(empty.length <= 1, `probes with nothing checked: ${empty.join()}`);
    const report = JSON.parse(readFileSync(json, 'utf8'));
    assert.ok(report.checked > 500);
    assert.deepEqual(report.defective, []);
  });

  it('draws the same seeded review sample twice, each variant beside its base', async () => {
    // 10 cases give most probes their 2 variants (buried_lead v5 none); each run builds and checks every variant of them, so fewer is cheaper.
    const a = await runCli(['probes', 'sample', '--limit', '10', '--per-probe', '2', '--seed', '5']);
    const b = await runCli(['probes', 'sample', '--limit', '10', '--per-probe', '2', '--seed', '5']);
    assert.equal(a.code, 0, a.stderr);
    assert.equal(a.stdout, b.stdout);
    const s = JSON.parse(a.stdout);
    const probes = new Set(s.items.map((it: { probe: string }) => it.probe));
    assert.ok(probes.size >= 5, [...probes].join());
    assert.equal(s.items.length, 2 * probes.size);
    for (const it of s.items) {
      assert.ok(it.id.split('|')[1] === it.probe, it.id);
      assert.ok(it.base.narrative && it.variant.narrative);
    }
    const other = await runCli(['probes', 'sample', '--limit', '10', '--per-probe', '2', '--seed', '6']);
    assert.notEqual(other.stdout, a.stdout, 'the seed matters');
  });

  it('names, before any call, a case kept with words in a foreign script after normalisation', { skip: needs(MEDQA_DATA) }, async () => {
    // MedQA's lines 460-470 (line 469 holds the case), not its first 470: the warning and its file:line do not depend on
    // how many cases come before, and building and checking every variant of 470 cases cost about a minute.
    const slice = join(tempDir(), 'medqa-460-470.jsonl');
    writeFileSync(slice, `${readFileSync(MEDQA, 'utf8').split('\n').slice(459, 470).join('\n')}\n`);
    const r = await runCli(['audit', '--cases', slice, '--dry-run']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /kept with words in mixed or foreign scripts[\s\S]*medqa-460-470\.jsonl:10: /);
    assert.match(r.stderr, /variant check: \d+ variants checked, 0 defective/);
  });

  it('names a missing case file and exits 2', async () => {
    const r = await runCli(['probes', 'check', '--cases', join(tempDir(), 'nope.jsonl')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /nope\.jsonl/);
  });
});
