import { defineMetric } from './define.js';
import { cfiStressedAt, minOf, worstAttribute } from './parts.js';

export default defineMetric({
  name: 'cfiStressed',
  doc:
    'CFI on double-stress variants (a probe applied to every value), of the worst attribute, the attribute named; ' +
    'units are (case, probe) pairs (BC bootstrap interval).',
  columns: (L) => L.attributes.map((a) => a.at),
  compute: (c, t) => minOf(t, c, cfiStressedAt),
  estimate: (x) => worstAttribute(x.counterfactuals, 'cfiStressed', 'no double-stress variants (doubleStress: false, or no eligible case)'),
});
