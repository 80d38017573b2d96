import { bcEstimate } from '../bootstrap.js';
import { sumAt } from '../layout.js';
import { defineMetric } from './define.js';
import { pfrAt, retestFlipRateAt } from './parts.js';

export default defineMetric({
  name: 'pfrExcess',
  doc: 'pfr − retestFlipRate: the flips the telling caused beyond the noise floor of identical asks (BC bootstrap interval, paired within cases).',
  compared: true,
  columns: (L) => ({ clean: L.case, flip: L.overProbes('flip'), pair: L.overProbes('pair') }),
  compute: (c, t) => {
    const a = pfrAt(t, c.flip, c.pair);
    const b = retestFlipRateAt(t, c.clean);
    return a !== null && b !== null ? a - b : null;
  },
  estimate: (x) => bcEstimate(x.value, x.replicates, sumAt(x.totals, x.columns.pair), 'needs probe answers and retest asks'),
});
