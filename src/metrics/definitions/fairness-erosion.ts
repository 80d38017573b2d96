import { bcEstimate } from '../bootstrap.js';
import { sumAt } from '../layout.js';
import { defineMetric } from './define.js';
import { cfiAt, cfiStressedAt } from './parts.js';

export default defineMetric({
  name: 'fairnessErosion',
  doc: 'CFI at rest minus CFI under double stress, averaged over the attributes that have both (BC bootstrap interval).',
  columns: (L) => ({ attributes: L.attributes.map((a) => a.at), n: L.overAttributes('cfsN') }),
  compute: (c, t) => {
    let s = 0;
    let k = 0;
    for (const a of c.attributes) {
      const x = cfiAt(t, a);
      const y = cfiStressedAt(t, a);
      if (x === null || y === null) continue;
      s = s + x - y;
      k++;
    }
    return k ? s / k : null;
  },
  estimate: (x) => bcEstimate(x.value, x.replicates, sumAt(x.totals, x.columns.n), 'needs counterfactuals at rest and under double stress'),
});
