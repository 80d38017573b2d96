import { num, type ClinicalIndex } from './types.js';

export const correctedCalcium: ClinicalIndex = {
  name: 'corrected_calcium',
  description: 'corrected calcium = Ca + 0.8 × (4.0 − albumin), calcium in mg/dL, albumin in g/dL (Payne)',
  inputs: { calcium: 'number', albumin: 'number' },
  compute: (x) => num(x, 'calcium') + 0.8 * (4 - num(x, 'albumin')),
  tolerance: () => 0.15,
};
