import { defineMetric } from './define.js';
import { pooledOverProbes } from './parts.js';

export default defineMetric({
  name: 'pfrLateral',
  doc: 'Share of valid–valid (clean, probe) pairs that flipped from one wrong answer to another (clustered Wilson interval).',
  ...pooledOverProbes('lat', 'pair', 'no valid–valid pairs'),
});
