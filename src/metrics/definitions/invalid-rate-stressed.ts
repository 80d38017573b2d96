import { defineMetric } from './define.js';
import { pooledOverProbes } from './parts.js';

export default defineMetric({
  name: 'invalidRateStressed',
  doc: 'Share of replies under the probes with no readable option, pooled over probes (clustered Wilson interval).',
  ...pooledOverProbes('inv', 'n', 'no probe answers'),
});
