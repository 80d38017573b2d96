import { defineMetric } from './define.js';
import { retestFlipRateAt } from './parts.js';
import { clusteredProportion, proportion } from '../wilson.js';

export default defineMetric({
  name: 'retestFlipRate',
  doc:
    'The noise floor: share of valid–valid (clean, retest) pairs whose answer differs, the identical prompt asked ' +
    'again (Wilson with one retest per case, clustered Wilson with more).',
  columns: (L) => L.case,
  compute: (c, t) => retestFlipRateAt(t, c),
  estimate: ({ columns: c, totals: t, rows, replicates }) => {
    // One retest per case is one unit per case (Wilson); more are correlated within the case.
    let most = 0;
    for (const r of rows) if (r[c.retestN] > most) most = r[c.retestN];
    return most > 1
      ? clusteredProportion(t[c.retestFlip], t[c.retestN], replicates, 'no valid retest pairs')
      : proportion(t[c.retestFlip], t[c.retestN], 'no retest asks (retest: 0)');
  },
});
