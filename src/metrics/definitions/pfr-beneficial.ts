import { defineMetric } from './define.js';
import { pooledOverProbes } from './parts.js';

export default defineMetric({
  name: 'pfrBeneficial',
  doc: 'Share of valid–valid (clean, probe) pairs that flipped from wrong to right (clustered Wilson interval).',
  ...pooledOverProbes('wr', 'pair', 'no valid–valid pairs'),
});
