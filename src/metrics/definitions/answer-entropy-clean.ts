import { bcEstimate } from '../bootstrap.js';
import { defineMetric } from './define.js';
import { letterEntropy } from './parts.js';

export default defineMetric({
  name: 'answerEntropyClean',
  doc:
    'Normalised Shannon entropy of the letters chosen at rest, invalid replies a letter of their own: 1 is an ' +
    'even spread, 0 every answer on one letter (BC bootstrap interval).',
  columns: (L) => ({ letters: L.letters.clean, options: L.spec.optionCount, n: L.case.cleanN }),
  compute: (c, t) => letterEntropy(t, c.letters, c.options),
  estimate: (x) => bcEstimate(x.value, x.replicates, x.totals[x.columns.n], 'no clean answers'),
});
