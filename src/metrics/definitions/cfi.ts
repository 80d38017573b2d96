import { defineMetric } from './define.js';
import { cfiAt, minOf, worstAttribute } from './parts.js';

export default defineMetric({
  name: 'cfi',
  doc:
    'Counterfactual fairness index of the worst attribute, the attribute named: the mean over complete cases of ' +
    'the share of other values answered as the own value (Wilson interval of that attribute).',
  compared: true,
  columns: (L) => L.attributes.map((a) => a.at),
  // Re-chosen in every replicate, so paired comparisons compare worst with worst.
  compute: (c, t) => minOf(t, c, cfiAt),
  estimate: (x) => worstAttribute(x.counterfactuals, 'cfi', 'no case was eligible for any counterfactual'),
});
