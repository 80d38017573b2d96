import { defineMetric } from './define.js';
import { pooledOverProbes } from './parts.js';

export default defineMetric({
  name: 'pWrongGivenRight',
  doc: 'Harmful flips over the valid–valid pairs whose clean answer was right (clustered Wilson interval).',
  ...pooledOverProbes('rw', 'rightN', 'no valid–valid pair with a right clean answer'),
});
