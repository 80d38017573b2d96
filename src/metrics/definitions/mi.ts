import { bcEstimate } from '../bootstrap.js';
import { sumAt } from '../layout.js';
import { defineMetric } from './define.js';
import { meanOf, miOf, probeMiCols } from './parts.js';

export default defineMetric({
  name: 'mi',
  doc: 'Metabolic index: the mean over probes of accuracy under the probe over clean accuracy (1 = no loss under stress; BC bootstrap interval).',
  compared: true,
  columns: (L) => ({ probes: probeMiCols(L), n: L.overProbes('n') }),
  compute: (c, t) => meanOf(t, c.probes, miOf),
  estimate: (x) => bcEstimate(x.value, x.replicates, sumAt(x.totals, x.columns.n), 'clean accuracy is 0, or there are no probe answers'),
});
