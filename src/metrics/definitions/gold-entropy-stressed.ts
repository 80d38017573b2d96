import { bcEstimate } from '../bootstrap.js';
import { sumAt } from '../layout.js';
import { defineMetric } from './define.js';
import { letterEntropy } from './parts.js';

export default defineMetric({
  name: 'goldEntropyStressed',
  doc: 'The same entropy for the gold letters of the probe variants: how evenly the right answers are spread (BC bootstrap interval).',
  columns: (L) => ({ letters: L.letters.gold, options: L.spec.optionCount, n: L.overProbes('n') }),
  compute: (c, t) => letterEntropy(t, c.letters, c.options),
  estimate: (x) => bcEstimate(x.value, x.replicates, sumAt(x.totals, x.columns.n), 'no probe answers'),
});
