import { num, type ClinicalIndex } from './types.js';

export const anionGap: ClinicalIndex = {
  name: 'anion_gap',
  description: 'anion gap = Na − (Cl + HCO₃) in mmol/L',
  inputs: { sodium: 'number', chloride: 'number', bicarbonate: 'number' },
  compute: (x) => num(x, 'sodium') - (num(x, 'chloride') + num(x, 'bicarbonate')),
  tolerance: () => 1,
};
