import { bcEstimate } from '../bootstrap.js';
import { sumAt } from '../layout.js';
import { defineMetric } from './define.js';
import { letterEntropy } from './parts.js';

export default defineMetric({
  name: 'answerEntropyStressed',
  doc:
    'answerEntropyClean for the letters chosen under the probes; low while goldEntropyStressed is high means the ' +
    'answers collapse onto one letter (BC bootstrap interval).',
  columns: (L) => ({ letters: L.letters.stressed, options: L.spec.optionCount, n: L.overProbes('n') }),
  compute: (c, t) => letterEntropy(t, c.letters, c.options),
  estimate: (x) => bcEstimate(x.value, x.replicates, sumAt(x.totals, x.columns.n), 'no probe answers'),
});
