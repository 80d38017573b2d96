import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadCases } from '../../../src/cases/load.js';
import { listProbes } from '../../../src/probes/registry.js';
import { buildVariants } from '../../../src/variants/build.js';
import { checkVariants, type CheckReport } from '../../../src/variants/check/check.js';
import { listLints } from '../../../src/variants/check/registry.js';
import type { Variant } from '../../../src/variants/types.js';
import { MEDQA } from '../../support/cli.js';
import { MEDQA_DATA, needs } from '../../support/needs.js';
import { makeCase, makeVariant } from './fixture.js';

const OPTS = { probes: listProbes(), counterfactuals: ['sex', 'race_ethnicity', 'ses'] as const, doubleStress: true, retest: 2, seed: 7 };

/** The report's own sums agree, and it names only checked conditions and known lints. */
function assertWellFormed(report: CheckReport, variants: readonly Variant[]): void {
  const lints = new Set(listLints().map((l) => l.name));
  const order = new Map(variants.map((v, i) => [v.id, i]));
  const groups = Object.values(report.byCondition);
  assert.ok(report.checked > 0);
  assert.equal(
    groups.reduce((n, g) => n + g.checked, 0),
    report.checked,
  );
  assert.equal(
    groups.reduce((n, g) => n + g.defective, 0),
    report.defective.length,
  );
  for (const name of Object.keys(report.byCondition)) assert.ok(name === 'clean' || listProbes().some((p) => p.name === name), `unexpected condition ${name}`);
  let last = -1;
  for (const v of report.defective) {
    assert.ok(v.defects.length > 0);
    assert.ok(order.get(v.variantId)! > last, 'defective variants keep variant order');
    last = order.get(v.variantId)!;
    assert.ok(v.condition !== 'clean' || v.counterfactual, 'the plain clean text is the reference, never checked');
    for (const d of v.defects) assert.ok(lints.has(d.lint) && d.message && typeof d.excerpt === 'string');
  }
  for (const g of groups) for (const [l, n] of Object.entries(g.byLint)) assert.ok(lints.has(l) && n > 0 && n <= g.defective);
}

function summary(report: CheckReport): string {
  return Object.entries(report.byCondition)
    .map(([k, g]) => `${k}: ${g.defective}/${g.checked} ${JSON.stringify(g.byLint)}`)
    .join('\n');
}

describe('checkVariants', () => {
  it('checks probe and counterfactual variants against their bases, and reports what it found', () => {
    const c = makeCase('A 48-year-old man has 2 days of fever. He has no rash.');
    const clean = makeVariant(c, 'clean', c.vignette);
    const retest = { ...makeVariant(c, 'retest#1', c.vignette) };
    const good = makeVariant(c, 'distractor', `${c.vignette} The patient owns a red bicycle.`);
    const same = makeVariant(c, 'emotional', c.vignette);
    const cf = { attribute: 'race_ethnicity' as const, value: 'asian' };
    const cfClean = makeVariant(c, 'clean', 'A 48-year-old Asian man has 2 days of fever. He has a rash.', {}, cf);
    const variants = [clean, retest, good, same, cfClean];
    const report = checkVariants([c], variants);
    assert.equal(report.checked, 3);
    assert.deepEqual(
      report.defective.map((v) => v.variantId),
      [same.id, cfClean.id],
    );
    assert.deepEqual(report.byCondition.emotional, { checked: 1, defective: 1, byLint: { unchanged: 1 } });
    assert.deepEqual(report.byCondition.clean, { checked: 1, defective: 1, byLint: { 'facts-preserved': 1 } });
    assertWellFormed(report, variants);
  });

  it('says which base is missing', () => {
    const c = makeCase('A 48-year-old man has fever.');
    assert.throws(() => checkVariants([c], [makeVariant(c, 'distractor', 'x')]), /base t-1\|clean/);
  });

  // Well-formedness holds variant by variant, and the default audit checks every bank variant (its golden results.json
  // pins 0 defective): every fourth case, one from each run of specialties, tests it at a quarter of the cost.
  it('runs over a quarter of the built-in bank (every fourth case) with every probe and counterfactual', () => {
    const cases = loadCases({}).cases.filter((_, i) => i % 4 === 0);
    const { variants } = buildVariants(cases, OPTS);
    const t0 = performance.now();
    const report = checkVariants(cases, variants);
    const ms = performance.now() - t0;
    assertWellFormed(report, variants);
    for (const p of listProbes()) assert.ok(report.byCondition[p.name]?.checked, `probe ${p.name} checked`);
    console.log(`bank: ${report.checked} checked, ${report.defective.length} defective in ${ms.toFixed(0)} ms\n${summary(report)}`);
  });

  // Well-formedness holds variant by variant: 100 real cases (about 6,000 checked variants) test it as 500 did, at a fifth of the cost.
  it('runs over the first 100 MedQA cases', { skip: needs(MEDQA_DATA) }, () => {
    const cases = loadCases({ path: MEDQA, limit: 100 }).cases;
    const { variants } = buildVariants(cases, OPTS);
    const t0 = performance.now();
    const report = checkVariants(cases, variants);
    const ms = performance.now() - t0;
    assertWellFormed(report, variants);
    console.log(`MedQA: ${report.checked} checked, ${report.defective.length} defective in ${ms.toFixed(0)} ms\n${summary(report)}`);
  });
});
