import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import * as api from '../src/index.js';
import { buildVariants, computeMetrics, listProbes, loadCases, MasldError, renderReport } from '../src/index.js';
import { tempDir } from './support/cli.js';

describe('library API', () => {
  it('is a small surface: what a user needs, no internals', () => {
    assert.deepEqual(Object.keys(api).sort(), [
      'MasldError',
      'audit',
      'buildVariants',
      'computeMetrics',
      'listProbes',
      'loadCases',
      'registerProbe',
      'registerProvider',
      'renderReport',
    ]);
  });

  it('builds variants from loaded cases', () => {
    const cases = loadCases({ limit: 2 }).cases;
    const { variants, probeExclusions } = buildVariants(cases, { probes: listProbes(), counterfactuals: [], doubleStress: false, retest: 1, seed: 7 });
    // Every probe variant is either built or left out with its reason.
    assert.equal(variants.length + probeExclusions.length, 2 * (1 + 1 + listProbes().length) + cases.filter((c) => c.criticalVariant).length);
  });

  it('audits, recomputes the metrics without writing, and renders the report', async () => {
    const out = join(tempDir(), 'run');
    const { results, calls } = await api.audit({ out, models: ['control:labile', 'control:resilient'], limit: 3 });
    assert.equal(calls.reused, 0);
    assert.ok(calls.made > 0);
    const written = readFileSync(join(out, 'results.json'), 'utf8');
    const again = await computeMetrics(out);
    assert.deepEqual({ ...again, generatedAt: results.generatedAt }, results);
    assert.equal(readFileSync(join(out, 'results.json'), 'utf8'), written, 'computeMetrics writes nothing');
    const resumed = await api.audit({ out, models: ['control:labile', 'control:resilient'], limit: 3 });
    assert.deepEqual(resumed.calls, { made: 0, reused: calls.made, failed: 0, missing: 0 });
    const report = await renderReport(out);
    assert.equal(report.snapshotOf, null);
    assert.match(readFileSync(join(out, 'report.html'), 'utf8'), /control:labile/);
    await assert.rejects(computeMetrics(tempDir()), (e: unknown) => e instanceof MasldError && e.code === 'E_INPUT');
  });
});
