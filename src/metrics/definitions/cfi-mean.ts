import { bcEstimate } from '../bootstrap.js';
import { sumAt } from '../layout.js';
import { defineMetric } from './define.js';
import { cfiAt, meanOf } from './parts.js';

export default defineMetric({
  name: 'cfiMean',
  doc: 'The mean of the attributes’ CFI (BC bootstrap interval).',
  columns: (L) => ({ attributes: L.attributes.map((a) => a.at), n: L.overAttributes('cfN') }),
  compute: (c, t) => meanOf(t, c.attributes, cfiAt),
  estimate: (x) => bcEstimate(x.value, x.replicates, sumAt(x.totals, x.columns.n), 'no case was eligible for any counterfactual'),
});
