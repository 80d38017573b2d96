import { loadCases } from '../../src/cases/load.js';
import type { Case } from '../../src/cases/types.js';
import { emotional } from '../../src/probes/emotional.js';
import { patientProfile } from '../../src/probes/profile.js';
import type { ProbeOutput } from '../../src/probes/types.js';

/** What the emotional probe said, in order, and the style it chose: read from its changes. */
type Inserted = { after: number; text: string };
export const said = (out: ProbeOutput) => (out.changes as { inserted: Inserted[] }).inserted.map((x) => x.text);
export const styleOf = (out: ProbeOutput) => (out.changes as { style: string }).style;

/** The real probe on the bank's first case with another narrative: the review tests' own short stories. */
export const firstCase: Case = loadCases().cases[0];
export const runOnFirstCase = (narrative: string, seed: number) => {
  const profile = patientProfile(firstCase, narrative);
  return emotional.apply({ case: firstCase, narrative, question: 'What is the next step?', options: { A: 'Observe', B: 'Refer' }, answer: 'A', profile }, seed);
};
