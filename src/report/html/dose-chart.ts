import type { TopLevelSpec } from 'vega-lite';
import type { Results } from '../results.js';
import { name } from './charts.js';
import { esc } from './escape.js';
import { headRow } from './markup.js';

type Model = Results['models'][number];

/** One small chart per dosed probe: MI against dose (log axis) for each model, with its 95% interval as a band. */
export function doseResponseSpec(models: Model[]): TopLevelSpec | null {
  const values = models.flatMap((m) =>
    Object.entries(m.doseResponse?.probes ?? {}).flatMap(([probe, r]) =>
      r.points.map((p) => ({ model: name(m), probe, dose: p.dose, mi: p.mi.value, lo: p.mi.ci95?.[0] ?? p.mi.value, hi: p.mi.ci95?.[1] ?? p.mi.value })),
    ),
  );
  if (!values.length) return null;
  const doses = [...new Set(values.map((v) => v.dose))].sort((a, b) => a - b);
  const x = { field: 'dose', type: 'quantitative' as const, scale: { type: 'log' as const, base: 2 }, axis: { values: doses, format: 'd' }, title: 'dose' };
  const colour = { field: 'model', type: 'nominal' as const, sort: null, title: null, legend: { labelLimit: 320, symbolOpacity: 1, symbolType: 'stroke' } };
  // Report order (the configured probe order), not alphabetical.
  const probes = [...new Set(values.map((v) => v.probe))];
  return {
    data: { values: values.filter((v) => v.mi !== null) },
    facet: { field: 'probe', type: 'nominal', title: null, sort: probes, header: { labelFontSize: 12 } },
    columns: 3,
    spec: {
      width: 200,
      height: 140,
      layer: [
        { mark: { type: 'area', opacity: 0.12, clip: true }, encoding: { x, y: { field: 'lo', type: 'quantitative' }, y2: { field: 'hi' }, color: colour } },
        {
          mark: { type: 'line', point: true, clip: true },
          encoding: { x, y: { field: 'mi', type: 'quantitative', title: 'MI', scale: { domain: [0, 1.2] } }, color: colour },
        },
        { mark: { type: 'rule', strokeDash: [4, 3], color: '#888' }, encoding: { y: { datum: 0.9 } } },
      ],
    },
  } satisfies TopLevelSpec;
}

const fmt = (x: number | null) => (x === null ? 'n/a' : x.toFixed(2));

/** The figures behind the curves: per model and probe, STI, the threshold dose and any dose step flagged as non-monotone. */
export function doseTable(models: Model[]): string {
  const rows = models.flatMap((m) =>
    Object.entries(m.doseResponse?.probes ?? {}).map(([probe, r]) => {
      const max = r.points[r.points.length - 1]?.dose;
      const flagged = r.steps.filter((s) => s.flagged).map((s) => `${s.from}→${s.to} (Holm p ${s.pHolm})`);
      const sti = r.sti.ci95 ? `${fmt(r.sti.value)} [${fmt(r.sti.ci95[0])}, ${fmt(r.sti.ci95[1])}]` : fmt(r.sti.value);
      return [
        `<tr><th scope="row">${esc(name(m))}</th><td>${esc(probe)}</td>`,
        `<td>${esc(r.n)}${m.doseResponse!.pooledProbes.includes(probe) ? '' : ' <small>(too few to pool)</small>'}</td>`,
        `<td>${esc(r.points.map((p) => `${p.dose}: ${fmt(p.mi.value)}`).join(' · '))}</td><td>${esc(sti)}</td>`,
        `<td>${esc(r.thresholdDose ?? `> ${max}`)}</td><td>${flagged.length ? `<strong>${esc(flagged.join(', '))}</strong>` : 'none'}</td></tr>`,
      ].join('');
    }),
  );
  const head = headRow(['Model', 'Probe', 'Paired cases', 'MI by dose', 'STI (95% CI)', 'Threshold dose (MI < 0.9)', 'Accuracy rising with dose']);
  return `<table>${head}<tbody>\n${rows.join('\n')}\n</tbody></table>`;
}
