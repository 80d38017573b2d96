import { defineMetric } from './define.js';
import { pooledOverProbes } from './parts.js';

export default defineMetric({
  name: 'accuracyStressed',
  doc: 'Share of answers under the probes that are right, pooled over every (case, probe) pair (clustered Wilson interval).',
  compared: true,
  ...pooledOverProbes('correct', 'n', 'no probe answers'),
});
