import { num, relative, type ClinicalIndex } from './types.js';

export const fena: ClinicalIndex = {
  name: 'fena',
  description: 'FENa (%) = 100 × (urine Na × plasma creatinine) / (plasma Na × urine creatinine)',
  inputs: { urine_sodium: 'number', plasma_sodium: 'number', urine_creatinine: 'number', plasma_creatinine: 'number' },
  compute: (x) => (100 * num(x, 'urine_sodium') * num(x, 'plasma_creatinine')) / (num(x, 'plasma_sodium') * num(x, 'urine_creatinine')),
  tolerance: relative(0.1, 0.1),
};
