import { ageStateFit } from './lints/age-state-fit.js';
import { doubledWord } from './lints/doubled-word.js';
import { factsPreserved } from './lints/facts-preserved.js';
import { findingAsOwn } from './lints/finding-as-own.js';
import { findingInQuote } from './lints/finding-in-quote.js';
import { firstPersonAgreement } from './lints/first-person-agreement.js';
import { hedgeOnMeasurement } from './lints/hedge-on-measurement.js';
import { mixedScript } from './lints/mixed-script.js';
import { narrator } from './lints/narrator.js';
import { sexSpecific } from './lints/sex-specific.js';
import { tableIntegrity } from './lints/table-integrity.js';
import { thirdPersonInQuote } from './lints/third-person-in-quote.js';
import { timeAnchor } from './lints/time-anchor.js';
import { unchanged } from './lints/unchanged.js';
import type { Lint } from './types.js';

/** Every lint, in the order reports list them. Names are stable. */
const LINTS: readonly Lint[] = [
  firstPersonAgreement,
  doubledWord,
  findingAsOwn,
  findingInQuote,
  thirdPersonInQuote,
  narrator,
  ageStateFit,
  tableIntegrity,
  factsPreserved,
  hedgeOnMeasurement,
  timeAnchor,
  sexSpecific,
  mixedScript,
  unchanged,
];
const BY_NAME = new Map(LINTS.map((l) => [l.name, l]));

export function listLints(): Lint[] {
  return [...LINTS];
}

export function getLint(name: string): Lint | undefined {
  return BY_NAME.get(name);
}
