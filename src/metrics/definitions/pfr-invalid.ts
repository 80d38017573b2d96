import { defineMetric } from './define.js';
import { pooledOverProbes } from './parts.js';

export default defineMetric({
  name: 'pfrInvalid',
  doc: 'Share of answered (clean, probe) pairs with exactly one invalid reply: a breakdown rather than a flip (clustered Wilson interval).',
  ...pooledOverProbes('pairInv', 'pairAll', 'no case answered both clean and under a probe'),
});
