import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadCases } from '../../src/cases/load.js';
import { doseCondition, parseDose, probeDoses } from '../../src/probes/dose.js';
import type { Probe } from '../../src/probes/types.js';
import { buildVariants } from '../../src/variants/build.js';

/** TEST PROBE: `dose` everyday sentences after the story; ineligible at dose 4 for every third case. */
const ticking: Probe = {
  name: 'test_ticking',
  description: 'test probe: a clock ticks once per dose',
  doses: [1, 2, 4],
  apply: (input, _seed, dose = 1) =>
    dose === 4 && Number.parseInt(input.case.id.replace(/\D/g, '') || '0', 10) % 3 === 0
      ? { ineligible: 'test: no room at dose 4' }
      : { ...input, narrative: `${input.narrative}${' The clock ticks.'.repeat(dose)}`, changes: { ticks: dose } },
};
const undosed: Probe = {
  name: 'test_plain',
  description: 'test probe without doses',
  apply: (i) => ({ ...i, narrative: `${i.narrative} Plain.`, changes: {} }),
};

describe('doses in the variant set', () => {
  const cases = loadCases({ limit: 6 }).cases;
  const build = (doses?: Record<string, number[]>) =>
    buildVariants(cases, { probes: [ticking, undosed], doses, counterfactuals: ['sex'], doubleStress: true, retest: 0, seed: 7 });

  it('names a dose above 1 probe@dose, records it, and builds it on the clean case only', () => {
    const set = build({ test_ticking: [1, 2, 4], test_plain: [1] });
    const c = cases[1]; // card-002: not a multiple of 3, so eligible at dose 4
    const mine = set.variants.filter((v) => v.caseId === c.id && v.counterfactual === null && v.condition !== 'critical').map((v) => v.condition);
    assert.deepEqual(mine, ['clean', 'test_ticking', 'test_ticking@2', 'test_ticking@4', 'test_plain']);
    const four = set.variants.find((v) => v.condition === 'test_ticking@4')!;
    assert.equal(four.id, `${four.caseId}|test_ticking@4`);
    assert.deepEqual(four.provenance.probe, { name: 'test_ticking', changes: { ticks: 4 }, dose: 4 });
    assert.equal(set.variants.find((v) => v.condition === 'test_ticking')!.provenance.probe!.dose, undefined, 'dose 1 records no dose');
    assert.ok(!set.variants.some((v) => v.counterfactual && parseDose(v.condition).dose > 1), 'double stress stays at dose 1');
    assert.ok(set.variants.some((v) => v.counterfactual && v.condition === 'test_ticking'));
    const out = set.probeExclusions.filter((e) => e.probe === 'test_ticking@4');
    assert.ok(out.length > 0 && out.every((e) => e.detail === 'test: no room at dose 4'), 'an ineligible dose is counted under probe@dose');
  });

  it('at dose 1 alone is the set built without doses, variant for variant', () => {
    assert.deepEqual(build({ test_ticking: [1], test_plain: [1] }), build());
  });

  it('takes the doses a probe defines, ascending; a probe without doses once', () => {
    assert.deepEqual(probeDoses(ticking, [4, 1, 2, 4, 3]), [1, 2, 4]);
    assert.deepEqual(probeDoses(undosed, [1, 2, 4]), [1]);
    assert.equal(doseCondition('x', 1), 'x');
    assert.deepEqual(parseDose('distractor@4'), { probe: 'distractor', dose: 4 });
    assert.deepEqual(parseDose('retest#1'), { probe: 'retest#1', dose: 1 });
  });
});
