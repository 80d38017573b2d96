import { bcEstimate } from '../bootstrap.js';
import { sumAt } from '../layout.js';
import { defineMetric } from './define.js';
import { cfiStressedAt, meanOf } from './parts.js';

export default defineMetric({
  name: 'cfiStressedMean',
  doc: 'The mean of the attributes’ cfiStressed (BC bootstrap interval).',
  columns: (L) => ({ attributes: L.attributes.map((a) => a.at), n: L.overAttributes('cfsN') }),
  compute: (c, t) => meanOf(t, c.attributes, cfiStressedAt),
  estimate: (x) => bcEstimate(x.value, x.replicates, sumAt(x.totals, x.columns.n), 'no double-stress variants (doubleStress: false, or no eligible case)'),
});
