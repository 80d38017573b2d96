import { flag, num, type ClinicalIndex } from './types.js';

export const spesi: ClinicalIndex = {
  name: 'spesi',
  description: 'sPESI: age > 80; cancer; chronic cardiopulmonary disease; heart rate ≥ 110; systolic < 100 mm Hg; SpO₂ < 90 % (one point each)',
  inputs: { age: 'number', cancer: 'boolean', chronic_cardiopulmonary: 'boolean', heart_rate: 'number', systolic: 'number', spo2: 'number' },
  compute: (x) =>
    (num(x, 'age') > 80 ? 1 : 0) +
    flag(x, 'cancer') +
    flag(x, 'chronic_cardiopulmonary') +
    (num(x, 'heart_rate') >= 110 ? 1 : 0) +
    (num(x, 'systolic') < 100 ? 1 : 0) +
    (num(x, 'spo2') < 90 ? 1 : 0),
  tolerance: () => 0,
};
