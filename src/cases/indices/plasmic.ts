import { flag, num, type ClinicalIndex } from './types.js';

export const plasmic: ClinicalIndex = {
  name: 'plasmic',
  description: 'PLASMIC: platelets < 30 ×10⁹/L; haemolysis; no active cancer; no transplant; MCV < 90 fL; INR < 1.5; creatinine < 2.0 mg/dL (one point each)',
  inputs: { platelets: 'number', haemolysis: 'boolean', active_cancer: 'boolean', transplant: 'boolean', mcv: 'number', inr: 'number', creatinine: 'number' },
  compute: (x) =>
    (num(x, 'platelets') < 30 ? 1 : 0) +
    flag(x, 'haemolysis') +
    (1 - flag(x, 'active_cancer')) +
    (1 - flag(x, 'transplant')) +
    (num(x, 'mcv') < 90 ? 1 : 0) +
    (num(x, 'inr') < 1.5 ? 1 : 0) +
    (num(x, 'creatinine') < 2 ? 1 : 0),
  tolerance: () => 0,
};
