import { join } from 'node:path';
import { MasldError } from '../errors.js';
import { evaluateGates, junitXml, type Gate } from '../report/gates.js';
import type { Results } from '../report/results.js';
import { safeTerminal } from '../report/format.js';
import { writeFileAtomic } from '../util/atomic-write.js';

/** Writes junit.xml, prints each gate, and fails the command when any gate fails. */
export function applyGates(results: Results, gates: readonly Gate[], outDir: string): void {
  const evaluated = evaluateGates(results, gates);
  writeFileAtomic(join(outDir, 'junit.xml'), junitXml(evaluated));
  if (!evaluated.length) {
    process.stderr.write('masld: --fail-on: no real model in this run (controls are not gated); nothing to check.\n');
    return;
  }
  for (const g of evaluated) process.stdout.write(`gate ${g.failed ? 'FAILED' : 'passed'}: ${safeTerminal(g.model)}: ${safeTerminal(g.message)}\n`);
  const failed = evaluated.filter((g) => g.failed);
  if (failed.length) throw new MasldError('E_GATE', `${failed.length} of ${evaluated.length} gate(s) failed; see junit.xml in ${outDir}`);
}
