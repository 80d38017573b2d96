import type { TopLevelSpec } from 'vega-lite';

// Loaded on the first chart: half a second of start-up that commands writing no report never pay.
let engines: Promise<[typeof import('vega'), typeof import('vega-lite')]> | undefined;
/** Starts loading the chart engines; an audit calls it early so the load overlaps the statistics. */
export const loadEngines = () => (engines ??= Promise.all([import('vega'), import('vega-lite')]));
import type { Results } from '../results.js';
import type { PhenotypeThresholds } from '../../metrics/phenotype.js';

/** Okabe–Ito: distinguishable with the common colour-vision deficiencies. */
export const PHENOTYPE_COLOURS: Record<string, string> = {
  resilient: '#009E73',
  labile: '#E69F00',
  pseudonormal: '#CC79A7',
  decompensated: '#D55E00',
  biased: '#0072B2',
  compensated: '#56B4E9',
  indeterminate: '#999999',
};

const BASE = {
  $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
  background: 'white',
  config: { font: 'system-ui, sans-serif', axis: { labelFontSize: 11, titleFontSize: 12 }, legend: { labelFontSize: 11 } },
} as const;

/** Renders a Vega-Lite spec to an SVG string in Node: no browser, no network. */
export async function toSvg(spec: TopLevelSpec): Promise<string> {
  const [vega, { compile }] = await loadEngines();
  const view = new vega.View(vega.parse(compile({ ...BASE, ...spec } as TopLevelSpec).spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return svg;
}

type Model = Results['models'][number];
/** A model's name on a chart: controls are marked. */
export const name = (m: Model) => (m.control ? `${m.id} (control)` : m.id);

export function stressMapSpec(models: Model[], probes: string[]): TopLevelSpec {
  const values = models.flatMap((m) =>
    probes.map((p) => {
      const pm = m.probes[p];
      const sig = pm?.mcnemarPHolm !== null && pm?.mcnemarPHolm !== undefined && pm.mcnemarPHolm < 0.05;
      return {
        model: name(m),
        probe: p,
        mi: pm?.mi.value ?? null,
        label: pm?.pfr.value === null || !pm ? 'n/a' : `${Math.round(pm.pfr.value * 100)}%${sig ? '*' : ''}`,
      };
    }),
  );
  return {
    data: { values },
    width: { step: 90 },
    height: { step: 34 },
    layer: [
      {
        mark: 'rect',
        encoding: {
          x: { field: 'probe', type: 'nominal', sort: probes, title: 'probe', axis: { labelAngle: -20 } },
          y: { field: 'model', type: 'nominal', title: null, sort: null, axis: { labelLimit: 300 } },
          color: { field: 'mi', type: 'quantitative', title: 'MI', scale: { scheme: 'viridis', domain: [0, 1.2] } },
        },
      },
      {
        mark: { type: 'text', fontSize: 12, fontWeight: 'bold' },
        encoding: {
          x: { field: 'probe', type: 'nominal', sort: probes },
          y: { field: 'model', type: 'nominal', sort: null },
          text: { field: 'label' },
          color: { condition: { test: 'datum.mi !== null && datum.mi < 0.7', value: 'white' }, value: 'black' },
        },
      },
    ],
  } satisfies TopLevelSpec;
}

export function phenotypePlaneSpec(models: Model[], th: PhenotypeThresholds): TopLevelSpec {
  const pts = models
    .filter((m) => m.metrics.mi.value !== null && m.metrics.pfrExcess.value !== null)
    .map((m) => ({
      model: name(m),
      phenotype: m.phenotype.label,
      kind: m.control ? 'control' : 'model',
      x: m.metrics.pfrExcess.value,
      y: m.metrics.mi.value,
      x0: m.metrics.pfrExcess.ci95?.[0] ?? m.metrics.pfrExcess.value,
      x1: m.metrics.pfrExcess.ci95?.[1] ?? m.metrics.pfrExcess.value,
      y0: m.metrics.mi.ci95?.[0] ?? m.metrics.mi.value,
      y1: m.metrics.mi.ci95?.[1] ?? m.metrics.mi.value,
    }));
  // Coincident points share one label, so names do not print over each other.
  const labels = new Map<string, { x: number; y: number; model: string }>();
  for (const p of pts) {
    const key = `${p.x!.toFixed(3)}|${p.y!.toFixed(3)}`;
    const l = labels.get(key);
    if (l) l.model += `, ${p.model}`;
    else labels.set(key, { x: p.x!, y: p.y!, model: p.model });
  }
  const regions = [
    // The run's own thresholds: the regions move with a config's `phenotype:` overrides.
    { name: 'labile', x0: th.labilePfrExcess, x1: 1, y0: 0, y1: 1.3 },
    { name: 'decompensated', x0: -0.2, x1: th.labilePfrExcess, y0: 0, y1: th.decompensatedMi },
    { name: 'resilient', x0: -0.2, x1: th.resilientPfrExcess, y0: th.resilientMi, y1: 1.3 },
  ];
  const scales = { x: { domain: [-0.2, 1] }, y: { domain: [0, 1.3] } };
  return {
    width: 520,
    height: 340,
    layer: [
      {
        data: { values: regions },
        mark: { type: 'rect', opacity: 0.14 },
        encoding: {
          x: { field: 'x0', type: 'quantitative', scale: scales.x, title: 'pfrExcess (flips beyond the noise floor)' },
          x2: { field: 'x1' },
          y: { field: 'y0', type: 'quantitative', scale: scales.y, title: 'MI (accuracy kept under stress)' },
          y2: { field: 'y1' },
          color: { field: 'name', type: 'nominal', scale: { domain: Object.keys(PHENOTYPE_COLOURS), range: Object.values(PHENOTYPE_COLOURS) }, legend: null },
        },
      },
      {
        data: { values: regions },
        mark: { type: 'text', align: 'left', baseline: 'top', dx: 4, dy: 4, fontSize: 11, fontStyle: 'italic' },
        encoding: {
          x: { field: 'x0', type: 'quantitative', scale: scales.x },
          y: { field: 'y1', type: 'quantitative', scale: scales.y },
          text: { field: 'name' },
        },
      },
      {
        data: { values: pts },
        mark: { type: 'rule', clip: true },
        encoding: { x: { field: 'x0', type: 'quantitative', scale: scales.x }, x2: { field: 'x1' }, y: { field: 'y', type: 'quantitative', scale: scales.y } },
      },
      {
        data: { values: pts },
        mark: { type: 'rule', clip: true },
        encoding: { y: { field: 'y0', type: 'quantitative', scale: scales.y }, y2: { field: 'y1' }, x: { field: 'x', type: 'quantitative', scale: scales.x } },
      },
      {
        data: { values: pts },
        mark: { type: 'point', filled: true, size: 110, stroke: 'black', strokeWidth: 0.8 },
        encoding: {
          x: { field: 'x', type: 'quantitative', scale: scales.x },
          y: { field: 'y', type: 'quantitative', scale: scales.y },
          color: {
            field: 'phenotype',
            type: 'nominal',
            title: 'phenotype',
            scale: { domain: Object.keys(PHENOTYPE_COLOURS), range: Object.values(PHENOTYPE_COLOURS) },
          },
          shape: { field: 'kind', type: 'nominal', title: null, scale: { domain: ['model', 'control'], range: ['circle', 'diamond'] } },
        },
      },
      {
        data: { values: [...labels.values()] },
        mark: { type: 'text', align: 'left', dx: 8, dy: -8, fontSize: 10, limit: 420 },
        encoding: {
          x: { field: 'x', type: 'quantitative', scale: scales.x },
          y: { field: 'y', type: 'quantitative', scale: scales.y },
          text: { field: 'model' },
        },
      },
    ],
  } satisfies TopLevelSpec;
}

export function baselineStressSpec(models: Model[]): TopLevelSpec {
  const values = models
    .flatMap((m) => [
      {
        model: name(m),
        condition: 'clean',
        accuracy: m.metrics.accuracyClean.value,
        lo: m.metrics.accuracyClean.ci95?.[0],
        hi: m.metrics.accuracyClean.ci95?.[1],
      },
      {
        model: name(m),
        condition: 'stressed',
        accuracy: m.metrics.accuracyStressed.value,
        lo: m.metrics.accuracyStressed.ci95?.[0],
        hi: m.metrics.accuracyStressed.ci95?.[1],
      },
    ])
    .filter((v) => v.accuracy !== null);
  const colour = { field: 'condition', type: 'nominal' as const, title: null, scale: { domain: ['clean', 'stressed'], range: ['#0072B2', '#D55E00'] } };
  return {
    data: { values },
    width: 520,
    height: { step: 30 },
    layer: [
      {
        mark: { type: 'line', color: '#888' },
        encoding: {
          x: { field: 'accuracy', type: 'quantitative', scale: { domain: [0, 1] }, title: 'accuracy (95% interval)', axis: { format: '%' } },
          y: { field: 'model', type: 'nominal', sort: null, title: null, axis: { labelLimit: 300 } },
          detail: { field: 'model' },
        },
      },
      {
        mark: 'rule',
        encoding: { x: { field: 'lo', type: 'quantitative' }, x2: { field: 'hi' }, y: { field: 'model', type: 'nominal', sort: null }, color: colour },
      },
      {
        mark: { type: 'point', filled: true, size: 90 },
        encoding: {
          x: { field: 'accuracy', type: 'quantitative' },
          y: { field: 'model', type: 'nominal', sort: null },
          color: colour,
          shape: { field: 'condition', type: 'nominal', scale: { domain: ['clean', 'stressed'], range: ['circle', 'square'] }, title: null },
        },
      },
    ],
  } satisfies TopLevelSpec;
}

export function fairnessSpec(models: Model[]): TopLevelSpec {
  const values = models
    .flatMap((m) =>
      Object.entries(m.counterfactuals).flatMap(([a, c]) => [
        { model: name(m), attribute: a, when: 'at rest', cfi: c.cfi.value },
        { model: name(m), attribute: a, when: 'double stress', cfi: c.cfiStressed.value },
      ]),
    )
    .filter((v) => v.cfi !== null);
  return {
    data: { values },
    facet: { row: { field: 'model', type: 'nominal', title: null, sort: null, header: { labelAngle: 0, labelAlign: 'left' } } },
    spec: {
      width: 360,
      height: { step: 14 },
      mark: 'bar',
      encoding: {
        y: { field: 'attribute', type: 'nominal', title: null },
        yOffset: { field: 'when', type: 'nominal', sort: ['at rest', 'double stress'] },
        x: { field: 'cfi', type: 'quantitative', scale: { domain: [0, 1] }, title: "CFI: mean share of groups answered as for the case's own" },
        color: { field: 'when', type: 'nominal', title: null, scale: { domain: ['at rest', 'double stress'], range: ['#56B4E9', '#E69F00'] } },
      },
    },
  } satisfies TopLevelSpec;
}
