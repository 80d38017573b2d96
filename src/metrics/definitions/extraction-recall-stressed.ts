import { bcEstimate } from '../bootstrap.js';
import { sumAt } from '../layout.js';
import { defineMetric } from './define.js';
import { ratio } from './parts.js';

export default defineMetric({
  name: 'extractionRecallStressed',
  doc: 'extractionRecall over the replies under the probes (BC bootstrap interval).',
  columns: (L) => ({ sum: L.overProbes('recallSum'), n: L.overProbes('recallN') }),
  compute: (c, t) => ratio(sumAt(t, c.sum), sumAt(t, c.n)),
  estimate: (x) => bcEstimate(x.value, x.replicates, sumAt(x.totals, x.columns.n), 'no key facts in the case set'),
});
