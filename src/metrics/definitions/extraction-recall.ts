import { bcEstimate } from '../bootstrap.js';
import { defineMetric } from './define.js';
import { ratio } from './parts.js';

export default defineMetric({
  name: 'extractionRecall',
  doc: 'The mean share of a case’s key facts found in the clean reply’s key findings (BC bootstrap interval).',
  columns: (L) => ({ sum: L.case.recallSumClean, n: L.case.recallNClean }),
  compute: (c, t) => ratio(t[c.sum], t[c.n]),
  estimate: (x) => bcEstimate(x.value, x.replicates, x.totals[x.columns.n], 'no key facts in the case set'),
});
