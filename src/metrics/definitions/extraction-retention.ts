import { bcEstimate } from '../bootstrap.js';
import { sumAt } from '../layout.js';
import { defineMetric } from './define.js';
import { ratio } from './parts.js';

export default defineMetric({
  name: 'extractionRetention',
  doc: 'extractionRecallStressed / extractionRecall: how much of its fact-finding the model keeps under stress (BC bootstrap interval).',
  columns: (L) => ({ cleanSum: L.case.recallSumClean, cleanN: L.case.recallNClean, sum: L.overProbes('recallSum'), n: L.overProbes('recallN') }),
  compute: (c, t) => {
    const a = ratio(t[c.cleanSum], t[c.cleanN]);
    const b = ratio(sumAt(t, c.sum), sumAt(t, c.n));
    return a && b !== null ? b / a : null;
  },
  estimate: (x) => bcEstimate(x.value, x.replicates, sumAt(x.totals, x.columns.n), 'no key facts, or no key facts found at rest'),
});
