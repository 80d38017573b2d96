import { num, type ClinicalIndex } from './types.js';

export const aaGradient: ClinicalIndex = {
  name: 'aa_gradient',
  description: 'A–a gradient = FiO₂ × (760 − 47) − PaCO₂/0.8 − PaO₂ in mm Hg, at sea level',
  inputs: { fio2: 'number', pao2: 'number', paco2: 'number' },
  compute: (x) => num(x, 'fio2') * (760 - 47) - num(x, 'paco2') / 0.8 - num(x, 'pao2'),
  tolerance: () => 3,
};
