import { meldScore } from './meld.js';
import { num, type ClinicalIndex } from './types.js';

export const meldNa: ClinicalIndex = {
  name: 'meld_na',
  description: 'MELD-Na = MELD + 1.32 (137 − Na) − 0.033 × MELD × (137 − Na) when MELD > 11, sodium bounded to 125–137 (UNOS 2016)',
  inputs: { bilirubin: 'number', inr: 'number', creatinine: 'number', sodium: 'number' },
  compute: (x) => {
    const m = Math.round(meldScore(x));
    if (m <= 11) return m;
    const na = Math.min(137, Math.max(125, num(x, 'sodium')));
    return Math.round(m + 1.32 * (137 - na) - 0.033 * m * (137 - na));
  },
  tolerance: () => 1,
};
