import { num, type ClinicalIndex } from './types.js';

export const serumOsmolality: ClinicalIndex = {
  name: 'serum_osmolality',
  description: 'calculated osmolality = 2 × Na + glucose/18 + BUN/2.8 (+ ethanol/3.7), glucose, BUN and ethanol in mg/dL',
  inputs: { sodium: 'number', glucose: 'number', bun: 'number', ethanol: 'number' },
  optional: ['ethanol'],
  compute: (x) => 2 * num(x, 'sodium') + num(x, 'glucose') / 18 + num(x, 'bun') / 2.8 + num(x, 'ethanol') / 3.7,
  tolerance: () => 3,
};
