import { defineMetric } from './define.js';
import { perCase } from './parts.js';

export default defineMetric({
  name: 'accuracyClean',
  doc: 'Share of clean answers that are right (Wilson interval, one unit per case).',
  compared: true,
  ...perCase('cleanCorrect', 'cleanN', 'no clean answers'),
});
