import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCases } from '../../src/cases/load.js';
import { CONTROLS, TOLERATED } from '../../src/models/controls/behaviours.js';
import { DEFAULT_DOSES, probeDoses } from '../../src/probes/dose.js';
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
    const doses = Object.fromEntries(listProbes().map((p) => [p.name, probeDoses(p, DEFAULT_DOSES)]));
    const plainExcluded = buildVariants(loadCases().cases, { probes: listProbes(), doses, counterfactuals: [], doubleStress: false, retest: 0, seed: 7 })
      .probeExclusions.length;
    assert.ok(plainExcluded > 0 && res.variantCheck.byProbe.buried_lead.ineligible['decisive finding already last'] > 0);
    assert.equal(
      data.variants.length,
      240 * (1 + Object.values(doses).flat().length) + res.design.conditions.critical - plainExcluded,
      'clean, every probe at every dose the case is eligible for, and the critical variant of each case',
    );
    assert.equal(Object.keys(data.answers).length, data.variants.length * res.models.length, 'every model answer to every shown variant');

    doseCurves(byId, data.variants);

    const rep = await runCli(['report', out]);
    assert.equal(rep.code, 0, rep.stderr);
    const again = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    assert.deepEqual({ ...again, generatedAt: null }, { ...res, generatedAt: null }, 'masld report recomputes identical metrics from the store alone');
  });
});

type Point = { dose: number; mi: { value: number; ci95: [number, number] | null } };
type Curve = { n: number; points: Point[]; sti: { value: number; ci95: [number, number] | null }; thresholdDose: number | null };
type Dosed = { doseResponse: { probes: Record<string, Curve>; shape: { label: string } }; phenotype: { label: string; doseShape?: string } };

/** Graded stress (issue 22): every control's curves come out as designed, and each designed STI lies in its interval. */
function doseCurves(byId: Record<string, Dosed>, shown: [string, { condition: string; narrative: string }][]): void {
  const dosed = listProbes().filter((p) => p.doses);
  const curves = (id: string) => byId[id].doseResponse.probes;
  const within = (c: Curve, designed: number, what: string) =>
    assert.ok(
      c.sti.ci95 === null ? c.sti.value === designed : c.sti.ci95[0] <= designed && designed <= c.sti.ci95[1],
      `${what}: STI ${JSON.stringify(c.sti)} vs ${designed}`,
    );
  for (const id of ['control:resilient', 'control:pseudonormal']) {
    for (const p of dosed) {
      const c = curves(id)[p.name];
      assert.ok(c.n > 0, `${id} ${p.name}: paired cases`);
      assert.deepEqual(
        c.points.map((x) => x.mi.value),
        p.doses!.map(() => 1),
        `${id} is flat at 1 under ${p.name}`,
      );
      assert.equal(c.thresholdDose, null);
      within(c, 1, `${id} ${p.name}`);
    }
    assert.equal(byId[id].doseResponse.shape.label, 'steady');
  }
  // control:anchoring: falls under anchoring from its first dose, flat under every other probe.
  for (const p of dosed) {
    const c = curves('control:anchoring')[p.name];
    if (p.name === 'anchoring') assert.equal(c.thresholdDose, 1, JSON.stringify(c.points));
    else {
      assert.equal(c.thresholdDose, null, `anchoring control under ${p.name}: ${JSON.stringify(c.points)}`);
      within(c, 1, `control:anchoring ${p.name}`);
    }
  }
  // control:fatigable: resilient at one dose; under graded stress its curve bends where its tolerance (3x the clean story's words
  // in extra words) is passed, worked out here by hand from the variants the report shows.
  const fat = byId['control:fatigable'];
  assert.equal(fat.phenotype.label, 'resilient');
  assert.equal(fat.phenotype.doseShape, 'fatigable');
  const words = (t: string) => t.split(/\s+/).filter(Boolean).length;
  const byCase = new Map<string, Map<string, string>>();
  for (const [caseId, v] of shown) (byCase.get(caseId) ?? byCase.set(caseId, new Map()).get(caseId)!).set(v.condition, v.narrative);
  for (const p of dosed) {
    const conds = p.doses!.map((d) => (d === 1 ? p.name : `${p.name}@${d}`));
    const paired = [...byCase.values()].filter((m) => conds.every((c) => m.has(c)));
    const mi = conds.map((c) => paired.filter((m) => words(m.get(c)!) / words(m.get('clean')!) - 1 <= TOLERATED).length / paired.length);
    const x = p.doses!.map((d) => Math.log2(d));
    let area = 0;
    for (let k = 1; k < x.length; k++) area += ((mi[k - 1] + mi[k]) / 2) * (x[k] - x[k - 1]);
    const sti = area / (x[x.length - 1] - x[0]);
    const c = curves('control:fatigable')[p.name];
    assert.equal(c.n, paired.length);
    assert.ok(Math.abs(c.sti.value - sti) < 1e-6, `fatigable ${p.name}: STI ${c.sti.value}, by hand ${sti}`);
    within(c, sti, `control:fatigable ${p.name}`);
    if (p.name === 'distractor') assert.equal(c.thresholdDose, 4, `the distractor's highest dose tires it: ${JSON.stringify(mi)}`);
    else assert.equal(c.thresholdDose, null, `fatigable under ${p.name}: ${JSON.stringify(mi)}`);
  }
}
