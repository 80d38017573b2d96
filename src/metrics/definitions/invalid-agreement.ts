import { defineMetric } from './define.js';
import { pooledOverProbes } from './parts.js';

export default defineMetric({
  name: 'invalidAgreement',
  doc: 'Share of answered (clean, probe) pairs with both replies invalid (clustered Wilson interval).',
  ...pooledOverProbes('pairBothInv', 'pairAll', 'no case answered both clean and under a probe'),
});
