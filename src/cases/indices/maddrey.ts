import { num, type ClinicalIndex } from './types.js';

export const maddrey: ClinicalIndex = {
  name: 'maddrey',
  description: 'Maddrey discriminant function = 4.6 × (PT − control PT) + bilirubin (mg/dL)',
  inputs: { pt: 'number', control_pt: 'number', bilirubin: 'number' },
  compute: (x) => 4.6 * (num(x, 'pt') - num(x, 'control_pt')) + num(x, 'bilirubin'),
  tolerance: () => 1.5,
};
