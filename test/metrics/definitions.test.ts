import assert from 'node:assert/strict';
import { copyFileSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { DEFINITIONS_DIR, REGENERATE, renderIndex } from '../../scripts/metric-index.js';
import { defineMetric } from '../../src/metrics/definitions/define.js';
import { COMPARED_METRICS, GATEABLE_METRICS, METRIC_NAMES, METRICS } from '../../src/metrics/definitions/index.js';
import { Layout, sumAt } from '../../src/metrics/layout.js';
import { modelSummary, type MetricsContext } from '../../src/metrics/model-metrics.js';
import { bindModel } from '../../src/metrics/model-statistics.js';
import type { ScoredCall } from '../../src/scoring/score.js';
import { tempDir } from '../support/cli.js';
import { scoredCall } from '../support/scored-call.js';

const DIR = fileURLToPath(new URL('../../src/metrics/definitions/', import.meta.url));
const ctx: MetricsContext = {
  probes: ['distractor', 'lay_voice'],
  attributes: { sex: ['male', 'female'] },
  keyFacts: new Map(),
  excluded: {},
  resamples: 1000,
  seed: 1,
  optionCount: 4,
};

function call(caseId: string, condition: string, letter: string | null, gold = 'A'): ScoredCall {
  return scoredCall({ caseId, condition, letter, gold });
}

describe('metric definitions', () => {
  it('one file per metric, each in the registry once, with a doc', () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith('.ts') && !['define.ts', 'parts.ts', 'index.ts'].includes(f));
    assert.equal(files.length, METRICS.length, `files: ${files.join(', ')}`);
    assert.equal(new Set(METRIC_NAMES).size, METRIC_NAMES.length, 'names are unique');
    for (const m of METRICS) {
      const file = `${m.name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}.ts`;
      assert.ok(files.includes(file), `${m.name} lives in ${file}`);
      assert.ok(m.doc.length > 20 && m.doc.endsWith('.'), `${m.name} has a sentence of doc`);
    }
  });

  it('the committed index is the one the metric files generate', () => {
    assert.equal(DEFINITIONS_DIR, DIR.replace(/\/$/, ''));
    assert.equal(
      readFileSync(join(DIR, 'index.ts'), 'utf8'),
      renderIndex(),
      `src/metrics/definitions/index.ts is stale: run \`${REGENERATE}\` (npm run build and npm run typecheck also regenerate it) and commit it`,
    );
  });

  it('the generated index keeps its order, adds a new file at the end and drops a removed one', () => {
    const dir = tempDir();
    for (const f of readdirSync(DIR)) copyFileSync(join(DIR, f), join(dir, f));
    const listed = (text: string) => /export const METRICS = \[\n([\s\S]*?)\] as const;/.exec(text)![1].match(/\w+/g);
    const before = listed(readFileSync(join(dir, 'index.ts'), 'utf8'))!;
    assert.equal(before.length, METRICS.length);
    const metric = "import { defineMetric } from './define.js';\n\nexport default defineMetric({ name: 'x' });\n";
    writeFileSync(join(dir, 'zz-late.ts'), metric);
    writeFileSync(join(dir, 'aa-early.ts'), metric);
    writeFileSync(join(dir, 'helper.ts'), 'export const notAMetric = 1;\n');
    rmSync(join(dir, 'mi.ts'));
    const text = renderIndex(dir);
    assert.deepEqual(listed(text), [...before.filter((m) => m !== 'mi'), 'aaEarly', 'zzLate']);
    assert.match(text, /^import aaEarly from '\.\/aa-early\.js';$/m);
    assert.doesNotMatch(text, /helper|from '\.\/mi\.js'/);
    // Once written, the order it wrote is the order it keeps.
    writeFileSync(join(dir, 'index.ts'), text.replace('  aaEarly,\n  zzLate,\n', '  zzLate,\n  aaEarly,\n'));
    assert.deepEqual(listed(renderIndex(dir))!.slice(-2), ['zzLate', 'aaEarly']);
  });

  it('results carry every registered metric, in registry order', () => {
    const calls = ['c1', 'c2', 'c3'].flatMap((id, i) => [
      call(id, 'clean', 'A'),
      call(id, 'retest#1', 'A'),
      call(id, 'distractor', i ? 'A' : 'B'),
      call(id, 'lay_voice', null),
    ]);
    assert.deepEqual(Object.keys(modelSummary(calls, ctx).metrics), [...METRIC_NAMES]);
  });

  it('gates take every metric but probShift; comparisons take the five headline ones', () => {
    assert.deepEqual(
      METRIC_NAMES.filter((n) => !GATEABLE_METRICS.includes(n)),
      ['probShift'],
    );
    assert.match(METRICS.find((m) => m.name === 'probShift')!.doc, /Not gateable/);
    assert.deepEqual(COMPARED_METRICS, ['accuracyClean', 'accuracyStressed', 'mi', 'pfrExcess', 'cfi']);
  });

  it('a bound metric selects its columns once and computes from totals', () => {
    let selected = 0;
    const flips = defineMetric({
      name: 'flipsPerProbe',
      doc: 'Flips per probe, a metric made up for this test.',
      columns: (L) => {
        selected++;
        return { flip: L.overProbes('flip'), probes: L.probes.length };
      },
      compute: (c, t) => (c.probes ? sumAt(t, c.flip) / c.probes : null),
      estimate: (x) => ({ value: x.value, ci95: null, n: x.columns.probes }),
    });
    const layout = new Layout({ probes: ctx.probes, attributes: {}, groups: {}, optionCount: 4 });
    const bound = flips.bind(layout);
    const t = new Float64Array(layout.width);
    t[layout.probes[0].flip] = 3;
    t[layout.probes[1].flip] = 1;
    assert.equal(bound.statistic(t), 2);
    assert.equal(bound.statistic(t), 2);
    assert.deepEqual(bound.estimate({ totals: t, rows: [], replicates: undefined, counterfactuals: {} }), { value: 2, ci95: null, n: 2 });
    assert.equal(selected, 1, 'columns are picked when bound, not per call');
    assert.equal(flips.gateable, true);
    assert.equal(flips.compared, false);
  });

  it('every statistic the bootstrap resamples is built once per model', () => {
    const model = bindModel({ probes: ctx.probes, attributes: ctx.attributes, groups: { sex: ['male', 'female'] }, optionCount: 4 });
    assert.deepEqual(Object.keys(model.statistics.metrics), [...METRIC_NAMES]);
    assert.deepEqual(Object.keys(model.statistics.probes), ctx.probes);
    assert.deepEqual(Object.keys(model.statistics.attributes.sex.accuracyByGroup), ['male', 'female']);
  });
});
