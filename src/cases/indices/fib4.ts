import { num, relative, type ClinicalIndex } from './types.js';

export const fib4: ClinicalIndex = {
  name: 'fib4',
  description: 'FIB-4 = age × AST / (platelets [10⁹/L] × √ALT) (Sterling 2006)',
  inputs: { age: 'number', ast: 'number', alt: 'number', platelets: 'number' },
  compute: (x) => (num(x, 'age') * num(x, 'ast')) / (num(x, 'platelets') * Math.sqrt(num(x, 'alt'))),
  tolerance: relative(0.03, 0.06),
};
