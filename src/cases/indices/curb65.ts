import { flag, num, type ClinicalIndex } from './types.js';

export const curb65: ClinicalIndex = {
  name: 'curb65',
  description: 'CURB-65: confusion; BUN > 19 mg/dL (urea > 7 mmol/L); respiratory rate ≥ 30; systolic < 90 or diastolic ≤ 60 mm Hg; age ≥ 65 (BTS)',
  inputs: { confusion: 'boolean', bun: 'number', respiratory_rate: 'number', systolic: 'number', diastolic: 'number', age: 'number' },
  compute: (x) =>
    flag(x, 'confusion') +
    (num(x, 'bun') > 19 ? 1 : 0) +
    (num(x, 'respiratory_rate') >= 30 ? 1 : 0) +
    (num(x, 'systolic') < 90 || num(x, 'diastolic') <= 60 ? 1 : 0) +
    (num(x, 'age') >= 65 ? 1 : 0),
  tolerance: () => 0,
};
