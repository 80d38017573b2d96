import { num, relative, type ClinicalIndex } from './types.js';

export const bunCreatinineRatio: ClinicalIndex = {
  name: 'bun_creatinine_ratio',
  description: 'BUN-to-creatinine ratio, both in mg/dL',
  inputs: { bun: 'number', creatinine: 'number' },
  compute: (x) => num(x, 'bun') / num(x, 'creatinine'),
  tolerance: relative(0.05, 1),
};
