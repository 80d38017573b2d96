import { bcEstimate } from '../bootstrap.js';
import { sumAt } from '../layout.js';
import { defineMetric } from './define.js';
import { NO_PROBS, ratio } from './parts.js';

// A gate applies to every real model of a run and fails where its metric cannot be computed: in a mixed run it would fail every model that does not
// score letters.
const WHY_NOT_GATED = 'only log-probability scoring (llamacpp, scoring: logprob) records it, and a gate fails every model it cannot be computed for';

export default defineMetric({
  name: 'probShift',
  doc:
    'Mean change, under the probes, of the probability given to the clean answer (letter-scoring providers only; ' +
    `BC bootstrap interval). Not gateable: ${WHY_NOT_GATED}.`,
  notGateable: WHY_NOT_GATED,
  columns: (L) => ({ sum: L.overProbes('shiftSum'), n: L.overProbes('shiftN') }),
  compute: (c, t) => ratio(sumAt(t, c.sum), sumAt(t, c.n)),
  estimate: (x) => bcEstimate(x.value, x.replicates, sumAt(x.totals, x.columns.n), NO_PROBS),
});
