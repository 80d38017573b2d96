import { flag, num, type ClinicalIndex } from './types.js';

export const wellsPe: ClinicalIndex = {
  name: 'wells_pe',
  description:
    'Wells score for PE: clinical DVT 3, PE most likely 3, heart rate > 100 1.5, immobilisation or surgery in 4 ' +
    'weeks 1.5, previous VTE 1.5, haemoptysis 1, malignancy 1',
  inputs: {
    clinical_dvt: 'boolean',
    pe_most_likely: 'boolean',
    heart_rate: 'number',
    immobilisation_or_recent_surgery: 'boolean',
    previous_vte: 'boolean',
    haemoptysis: 'boolean',
    malignancy: 'boolean',
  },
  compute: (x) =>
    3 * flag(x, 'clinical_dvt') +
    3 * flag(x, 'pe_most_likely') +
    (num(x, 'heart_rate') > 100 ? 1.5 : 0) +
    1.5 * flag(x, 'immobilisation_or_recent_surgery') +
    1.5 * flag(x, 'previous_vte') +
    flag(x, 'haemoptysis') +
    flag(x, 'malignancy'),
  tolerance: () => 0,
};
