import { bcEstimate } from '../bootstrap.js';
import { defineMetric } from './define.js';
import { miOf, minOf, probeMiCols } from './parts.js';

export default defineMetric({
  name: 'miWorst',
  doc:
    'The smallest MI of any probe, the probe named; its interval re-selects the worst probe in every replicate, ' +
    'so it carries the selection (BC bootstrap interval).',
  columns: (L) => ({ probes: probeMiCols(L), names: L.spec.probes }),
  compute: (c, t) => minOf(t, c.probes, miOf),
  estimate: (x) => {
    // The first probe with the least MI (the statistic re-selects it per replicate).
    let worst = -1;
    let least = Infinity;
    for (let i = 0; i < x.columns.probes.length; i++) {
      const v = miOf(x.totals, x.columns.probes[i]);
      if (v !== null && (worst < 0 || v < least)) {
        worst = i;
        least = v;
      }
    }
    if (worst < 0) return { value: null, ci95: null, n: 0, reason: 'clean accuracy is 0, or there are no probe answers' };
    return { ...bcEstimate(x.value, x.replicates, x.totals[x.columns.probes[worst].probe.n], ''), probe: x.columns.names[worst] };
  },
});
