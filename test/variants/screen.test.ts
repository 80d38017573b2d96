import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { runAudit } from '../../src/audit/audit.js';
import { resolveAudit } from '../../src/audit/resolve.js';
import { listProbes } from '../../src/probes/registry.js';
import type { Probe } from '../../src/probes/types.js';
import { buildVariants } from '../../src/variants/build.js';
import { screenVariants } from '../../src/variants/screen.js';
import { tempDir } from '../support/cli.js';

/** A plug-in probe with a known fault: it drops the narrative's numbers, so the checker must catch it. */
const lossy: Probe = {
  name: 'lossy',
  description: 'test probe that loses every number',
  apply: (i) => ({ narrative: i.narrative.replace(/\d+(?:\.\d+)?/g, 'some'), question: i.question, options: i.options, answer: i.answer, changes: {} }),
};

describe('the variant screen before an audit', () => {
  const spec = resolveAudit({ limit: 6, models: ['control:resilient'] });
  const cases = spec.caseSet.cases;
  const built = buildVariants(cases, { probes: [...listProbes(), lossy], counterfactuals: ['sex'], doubleStress: true, retest: 1, seed: 7 });

  it('leaves a defective variant out by default and counts it per probe and case', () => {
    const { set, summary } = screenVariants(cases, built, false);
    const lossyKept = set.variants.filter((v) => v.condition === 'lossy');
    assert.equal(lossyKept.length, 0, 'every lossy variant lost numbers');
    const left = set.probeExclusions.filter((e) => e.probe === 'lossy' && e.reason === 'defective');
    assert.equal(left.length, built.variants.filter((v) => v.condition === 'lossy').length);
    assert.ok(left.every((e) => e.detail.includes('facts-preserved')));
    assert.equal(summary.byCondition.lossy.defective, left.length);
    assert.ok(summary.examples['facts-preserved']?.length);
    // The built-in probes pass on these cases: nothing of theirs is left out.
    assert.equal(set.probeExclusions.filter((e) => e.probe !== 'lossy' && e.reason === 'defective').length, 0);
  });

  it('with allowDefective sends every variant, marks it, and the mark reaches results.csv and results.json', async () => {
    const { set, summary } = screenVariants(cases, built, true);
    assert.equal(set.variants.length, built.variants.length);
    const marked = set.variants.filter((v) => v.provenance.defects?.length);
    assert.ok(marked.length > 0 && marked.every((v) => v.condition === 'lossy'));
    const out = join(tempDir(), 'run');
    const run = await runAudit(
      { ...spec, variantSet: set, screen: summary, config: { ...spec.config, allowDefective: true } },
      { outDir: out, signal: new AbortController().signal },
    );
    assert.equal(run.execution.interrupted, false);
    const rows = parse(readFileSync(join(out, 'results.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    const lossyRows = rows.filter((r) => r.condition === 'lossy');
    assert.ok(lossyRows.length > 0 && lossyRows.every((r) => r.defects.includes('facts-preserved')));
    assert.ok(rows.filter((r) => r.condition !== 'lossy').every((r) => r.defects === ''));
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    assert.equal(results.variantCheck.allowDefective, true);
    assert.equal(results.variantCheck.byProbe.lossy.sentDefective, marked.length);
    assert.match(readFileSync(join(out, 'summary.md'), 'utf8'), /sent anyway \(--allow-defective\)/);
  });
});
