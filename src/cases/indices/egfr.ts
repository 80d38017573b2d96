import { flag, num, type ClinicalIndex } from './types.js';

export const egfrCkdEpi2021: ClinicalIndex = {
  name: 'egfr_ckd_epi_2021',
  description:
    'eGFR (CKD-EPI 2021, race-free) = 142 × min(Scr/κ, 1)^α × max(Scr/κ, 1)^−1.200 × 0.9938^age × 1.012 if ' +
    'female; κ 0.7/0.9, α −0.241/−0.302 (female/male); creatinine in mg/dL',
  inputs: { creatinine: 'number', age: 'number', female: 'boolean' },
  compute: (x) => {
    const female = flag(x, 'female') === 1;
    const k = female ? 0.7 : 0.9;
    const a = female ? -0.241 : -0.302;
    const r = num(x, 'creatinine') / k;
    return Math.round(142 * Math.min(r, 1) ** a * Math.max(r, 1) ** -1.2 * 0.9938 ** num(x, 'age') * (female ? 1.012 : 1));
  },
  tolerance: (v) => Math.max(2, v * 0.05),
};
