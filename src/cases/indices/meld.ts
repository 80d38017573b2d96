import { num, type ClinicalIndex } from './types.js';

/** Original MELD (UNOS before 2016): values under 1 count as 1, creatinine capped at 4 mg/dL. */
export function meldScore(x: Record<string, number | boolean>): number {
  const floor = (v: number) => Math.max(1, v);
  const bili = floor(num(x, 'bilirubin'));
  const inr = floor(num(x, 'inr'));
  const cr = Math.min(4, floor(num(x, 'creatinine')));
  return 3.78 * Math.log(bili) + 11.2 * Math.log(inr) + 9.57 * Math.log(cr) + 6.43;
}

export const meld: ClinicalIndex = {
  name: 'meld',
  description: 'MELD = 3.78 ln(bilirubin) + 11.2 ln(INR) + 9.57 ln(creatinine) + 6.43 (values under 1 taken as 1, creatinine capped at 4 mg/dL)',
  inputs: { bilirubin: 'number', inr: 'number', creatinine: 'number' },
  compute: (x) => Math.round(meldScore(x)),
  tolerance: () => 1,
};
