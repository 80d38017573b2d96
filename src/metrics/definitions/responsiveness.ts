import { defineMetric } from './define.js';
import { perCase } from './parts.js';

export default defineMetric({
  name: 'responsiveness',
  doc:
    'Accuracy on the critical variants (a decisive fact changed) of the cases answered right as written: does the ' +
    'model follow the facts? (Wilson interval).',
  ...perCase('critCorrect', 'critN', 'no critical variant of a case answered right as written'),
});
