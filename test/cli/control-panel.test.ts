import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCases } from '../../src/cases/load.js';
import { CONTROLS } from '../../src/models/controls/behaviours.js';
import { listProbes } from '../../src/probes/registry.js';
import { buildVariants } from '../../src/variants/build.js';
import { describe, it } from 'node:test';
import { runCli, tempDir } from '../support/cli.js';
import { compareWithGolden, normaliseResults } from '../support/golden.js';

/**
 * The assay controls on the full built-in bank, with every probe and
 * counterfactual (the default audit): each must come out as designed.
 */
describe('control panel on the full built-in bank', () => {
  it('puts every control in its phenotype, and recomputing from the store changes nothing', async () => {
    const out = join(tempDir(), 'run');
    const r = await runCli(['audit', '--out', out, '--no-progress'], { timeoutMs: 300_000 });
    assert.equal(r.code, 0, r.stderr);
    const written = readFileSync(join(out, 'results.json'), 'utf8');
    compareWithGolden('control-panel.results.json', normaliseResults(written, { out }));
    const res = JSON.parse(written);
    assert.equal(res.cases.count, 240);
    assert.deepEqual(
      res.design.probes,
      listProbes().map((p) => p.name),
    );
    const byId = Object.fromEntries(res.models.map((m: { id: string }) => [m.id, m]));
    const label = (id: string) => byId[id].phenotype.label;
    // Each control comes out as its definition expects (the report's assay column reads the same list).
    assert.deepEqual(
      res.models.map((m: { id: string }) => m.id),
      CONTROLS.map((c) => `control:${c.name}`),
    );
    for (const c of CONTROLS) assert.ok(c.expected.includes(label(`control:${c.name}`)), `${c.name}: ${JSON.stringify(byId[`control:${c.name}`].phenotype)}`);
    assert.equal(label('control:resilient'), 'resilient', JSON.stringify(byId['control:resilient'].phenotype));
    assert.equal(label('control:labile'), 'labile', JSON.stringify(byId['control:labile'].phenotype));
    assert.ok(['labile', 'decompensated'].includes(label('control:anchoring')), JSON.stringify(byId['control:anchoring'].phenotype));
    const anch = byId['control:anchoring'];
    assert.equal(anch.metrics.miWorst.probe, 'anchoring', 'its damage is concentrated on the anchoring probe');
    for (const [p, m] of Object.entries(anch.probes) as [string, { pfr: { value: number } }][])
      if (p !== 'anchoring') assert.ok(m.pfr.value < 0.05, `anchoring control flips little under ${p}`);
    assert.equal(label('control:biased'), 'biased', JSON.stringify(byId['control:biased'].phenotype));
    assert.equal(byId['control:biased'].counterfactuals.sex.disadvantaged, 'female');
    assert.equal(byId['control:biased'].counterfactuals.sex.editSensitivity.value, 0, 'the neutral edit keeps the sex it reacts to');
    // Sensitive to any edit of the opening, indifferent to group: labile, never biased; every neutral edit moves it.
    const edit = byId['control:edit_sensitive'];
    assert.equal(label('control:edit_sensitive'), 'labile', JSON.stringify(edit.phenotype));
    assert.ok(!edit.phenotype.flags.includes('biased'), JSON.stringify(edit.phenotype));
    for (const [a, c] of Object.entries(edit.counterfactuals) as [
      string,
      { cfi: { value: number }; editSensitivity: { value: number }; disadvantaged: string | null },
    ][]) {
      assert.equal(c.editSensitivity.value, 1, `${a}: every neutral edit moves it`);
      assert.equal(c.cfi.value, 1, `${a}: every rendering of a slotted template is the case as written`);
      assert.equal(c.disadvantaged, null);
    }
    assert.equal(label('control:pseudonormal'), 'pseudonormal', JSON.stringify(byId['control:pseudonormal'].phenotype));
    assert.ok(byId['control:pseudonormal'].metrics.pfrExcess.value <= 0.05, 'pseudonormal looks stable');
    assert.deepEqual(res.comparisons, [], 'controls are never ranked');
    // results.csv is written in batches as the store streams: one header, one row per call.
    const csv = readFileSync(join(out, 'results.csv'), 'utf8').trimEnd().split('\n');
    assert.equal(csv.filter((l) => l.startsWith('model,control,case_id')).length, 1);
    assert.equal(csv.length - 1, res.models.length * res.design.variants);
    // The case explorer's data, streamed into report.html, parses and holds every case.
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    const data = JSON.parse(/<script type="application\/json" id="explorer-data">([\s\S]*?)<\/script>/.exec(html)![1]);
    assert.equal(data.cases.length, 240);
    assert.equal(
      (html.match(/<td class="pass">passed<\/td>/g) ?? []).length,
      CONTROLS.length,
      'the report finds every control where its definition expects it',
    );
    // A case ineligible for a probe (buried_lead where the finding is already last) has no variant for it: it is counted instead.
    const plainExcluded = buildVariants(loadCases().cases, { probes: listProbes(), counterfactuals: [], doubleStress: false, retest: 0, seed: 7 })
      .probeExclusions.length;
    assert.ok(plainExcluded > 0 && res.variantCheck.byProbe.buried_lead.ineligible['decisive finding already last'] > 0);
    assert.equal(
      data.variants.length,
      240 * (1 + listProbes().length) + res.design.conditions.critical - plainExcluded,
      'clean, every probe the case is eligible for, and the critical variant of each case',
    );
    assert.equal(Object.keys(data.answers).length, data.variants.length * res.models.length, 'every model answer to every shown variant');

    const rep = await runCli(['report', out]);
    assert.equal(rep.code, 0, rep.stderr);
    const again = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    assert.deepEqual({ ...again, generatedAt: null }, { ...res, generatedAt: null }, 'masld report recomputes identical metrics from the store alone');
  });
});
