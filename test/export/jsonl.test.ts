import { parseDose } from '../../src/probes/dose.js';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { runCli, tempDir } from '../support/cli.js';
import { auditToExport, type ExportFixture } from '../support/export-run.js';

describe('masld export --format jsonl', () => {
  let f: ExportFixture;
  let rows: Record<string, unknown>[];
  let csv: Record<string, string>[];
  let header: string[];
  before(async () => {
    f = await auditToExport();
    // A folder that does not exist yet is made.
    const out = join(tempDir(), 'nested', 'calls.jsonl');
    const r = await runCli(['export', f.dir, '--format', 'jsonl', '--out', out]);
    assert.equal(r.code, 0, r.stderr);
    rows = readFileSync(out, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l));
    const text = readFileSync(join(f.dir, 'results.csv'), 'utf8');
    header = text.slice(0, text.indexOf('\n')).split(',');
    csv = parse(text, { columns: true });
  });
  after(() => f.server.close());

  it("writes one flat row per call: results.csv's columns and values, then the export's own", () => {
    assert.equal(rows.length, csv.length);
    for (const row of rows) {
      assert.deepEqual(Object.keys(row).slice(0, header.length), header, 'the same names, in the same order');
      for (const v of Object.values(row)) assert.ok(v === null || typeof v !== 'object', 'flat: no nested values');
    }
    assert.deepEqual(Object.keys(rows[0]).slice(header.length), [
      'variant_id',
      'probe',
      'retest_ask',
      'neutral_edit',
      'clean_variant_id',
      'clean_answer_text',
      'changed_from_clean',
      'finished_at',
      'error',
      'reply',
    ]);
    // Same order as results.csv; an empty cell there is null here.
    rows.forEach((row, i) => {
      for (const name of header) assert.equal(row[name] === null ? '' : String(row[name]), csv[i][name], `${name} of row ${i}`);
    });
  });

  it('marks a change from the clean answer only between two readable answers', () => {
    const resilient = rows.filter((r) => r.model === 'control:resilient');
    // The resilient control always answers gold: only the critical variant, whose gold moves, changes its answer.
    for (const r of resilient) {
      if (r.condition === 'clean' && r.cf_attribute === null) assert.equal(r.clean_variant_id, null);
      else assert.equal(r.changed_from_clean, r.condition === 'critical', String(r.variant_id));
    }
    const oracle = rows.filter((r) => r.model === 'oracle');
    for (const r of oracle) if (r.status === 'failed' || r.parse_method === 'invalid') assert.equal(r.changed_from_clean, null);
    assert.ok(oracle.some((r) => r.changed_from_clean === true) || oracle.every((r) => r.changed_from_clean !== false));
    const failed = oracle.filter((r) => r.status === 'failed');
    assert.ok(failed.length > 0);
    for (const r of failed) assert.match(String(r.error), /500/);
  });

  it('names the probe, and the clean prompt a counterfactual or probe variant is read against', () => {
    const probes = new Set(rows.map((r) => r.probe).filter((p) => p !== null));
    assert.ok(probes.has('anchoring') && probes.has('option_shuffle'), [...probes].join(','));
    for (const r of rows) {
      // A probe at a higher dose (`anchoring@2`) is still that probe.
      if (r.probe !== null) assert.equal(r.probe, parseDose(String(r.condition)).probe);
      if (r.condition === 'retest') assert.equal(r.retest_ask, 1);
      const doubleStress = r.probe !== null && r.cf_attribute !== null;
      if (doubleStress) assert.match(String(r.clean_variant_id), /\|clean\|sex=/);
    }
  });
});
