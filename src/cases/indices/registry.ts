import { aaGradient } from './aa-gradient.js';
import { anionGap } from './anion-gap.js';
import { bunCreatinineRatio } from './bun-creatinine.js';
import { correctedCalcium } from './corrected-calcium.js';
import { curb65 } from './curb65.js';
import { egfrCkdEpi2021 } from './egfr.js';
import { fena } from './fena.js';
import { fib4 } from './fib4.js';
import { maddrey } from './maddrey.js';
import { meld } from './meld.js';
import { meldNa } from './meld-na.js';
import { plasmic } from './plasmic.js';
import { serumOsmolality } from './serum-osmolality.js';
import { spesi } from './spesi.js';
import type { ClinicalIndex } from './types.js';
import { wellsPe } from './wells-pe.js';

/** Every index a case may declare; names come from here (schema, validator, docs). */
export const INDICES: readonly ClinicalIndex[] = [
  aaGradient,
  anionGap,
  bunCreatinineRatio,
  correctedCalcium,
  curb65,
  egfrCkdEpi2021,
  fena,
  fib4,
  maddrey,
  meld,
  meldNa,
  plasmic,
  serumOsmolality,
  spesi,
  wellsPe,
];
export const INDEX_NAMES = INDICES.map((i) => i.name) as [string, ...string[]];
export const indexNamed = (name: string): ClinicalIndex | undefined => INDICES.find((i) => i.name === name);
