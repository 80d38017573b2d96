import { defineMetric } from './define.js';
import { pooledOverProbes } from './parts.js';

export default defineMetric({
  name: 'pRightGivenWrong',
  doc: 'Beneficial flips over the valid–valid pairs whose clean answer was wrong (clustered Wilson interval).',
  ...pooledOverProbes('wr', 'wrongN', 'no valid–valid pair with a wrong clean answer'),
});
