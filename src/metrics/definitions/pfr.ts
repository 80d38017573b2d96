import { defineMetric } from './define.js';
import { pooledOverProbes } from './parts.js';

export default defineMetric({
  name: 'pfr',
  doc: 'Perturbation flip rate: share of valid–valid (clean, probe) pairs whose answer changed, pooled over probes (clustered Wilson interval).',
  ...pooledOverProbes('flip', 'pair', 'no case answered both clean and under a probe with valid replies'),
});
