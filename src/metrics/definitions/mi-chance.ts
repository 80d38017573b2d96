import { bcEstimate } from '../bootstrap.js';
import { sumAt } from '../layout.js';
import { defineMetric } from './define.js';
import { accuracyCleanAt } from './parts.js';

export default defineMetric({
  name: 'miChance',
  doc:
    'MI against chance: (accuracyStressed − chance) / (accuracyClean − chance), chance being the mean of 1 / ' +
    'options shown; a model at chance scores 0, not 1 (BC bootstrap interval).',
  columns: (L) => ({ clean: L.case, n: L.overProbes('n'), correct: L.overProbes('correct'), chance: L.overProbes('chance') }),
  compute: (c, t) => {
    const clean = accuracyCleanAt(t, c.clean);
    const n = sumAt(t, c.n);
    if (clean === null || !n || !t[c.clean.cleanN]) return null;
    const base = clean - t[c.clean.cleanChance] / t[c.clean.cleanN];
    return base > 0 ? (sumAt(t, c.correct) / n - sumAt(t, c.chance) / n) / base : null;
  },
  estimate: (x) => bcEstimate(x.value, x.replicates, sumAt(x.totals, x.columns.n), 'clean accuracy is at or below chance, or there are no probe answers'),
});
