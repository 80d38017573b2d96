import { defineMetric } from './define.js';
import { pooledOverProbes } from './parts.js';

export default defineMetric({
  name: 'pfrHarmful',
  doc: 'Share of valid–valid (clean, probe) pairs that flipped from right to wrong (clustered Wilson interval).',
  ...pooledOverProbes('rw', 'pair', 'no valid–valid pairs'),
});
