import { defineMetric } from './define.js';
import { perCase } from './parts.js';

export default defineMetric({
  name: 'invalidRate',
  doc: 'Share of clean replies with no readable option (Wilson interval).',
  ...perCase('cleanInv', 'cleanN', 'no clean answers'),
});
