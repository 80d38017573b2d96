import { resolve } from 'node:path';
import { inputError } from '../errors.js';
import { comparePairs, type Comparison } from '../metrics/compare.js';
import type { ModelColumns } from '../metrics/model-metrics.js';
import { inspectStore } from '../store/inspect.js';
import { SqliteStore } from '../store/sqlite.js';
import { tallyStore, type TalliedRun } from './outputs.js';
import { runStorePath } from './report-run.js';
import { isControlModel } from '../models/registry.js';

type Named = ModelColumns & { id: string };

export interface RunComparison {
  a: TalliedRun;
  b: TalliedRun;
  /** Every real model of A against every real model of B, on the probes both ran. */
  rows: Comparison[];
}

/**
 * Paired differences between the real models of two runs on the same cases;
 * calls no model. Every A × B pair is one family, so the adjusted intervals
 * hold jointly over all of them.
 */
export function compareRuns(dirA: string, dirB: string): RunComparison {
  const runA = open(dirA);
  const runB = open(dirB);
  if (runA.meta.cases.sha256 !== runB.meta.cases.sha256) {
    throw inputError(
      'E_INPUT',
      `the two runs audited different case sets (sha256 ${runA.meta.cases.sha256.slice(0, 12)}… ` +
        `vs ${runB.meta.cases.sha256.slice(0, 12)}…); models can only be compared on the same cases`,
      { file: resolve(dirB) },
    );
  }
  const other = new Set(runB.ctx.probes);
  const shared = { ...runA.ctx, probes: runA.ctx.probes.filter((p) => other.has(p)) };
  const columns = (run: TalliedRun, id: string) => {
    const acc = run.tally.accumulator(id);
    return acc ? acc.columns(shared) : { caseIds: [], rows: [], statistics: {} };
  };
  const pairs: [Named, Named][] = [];
  for (const ma of runA.models.filter((m) => !isControlModel(m))) {
    for (const mb of runB.models.filter((m) => !isControlModel(m))) {
      pairs.push([
        { id: `A:${ma.id}`, ...columns(runA, ma.id) },
        { id: `B:${mb.id}`, ...columns(runB, mb.id) },
      ]);
    }
  }
  if (!pairs.length) throw inputError('E_INPUT', 'no real (non-control) model in one of the runs: controls are never ranked');
  return { a: runA, b: runB, rows: comparePairs(pairs, shared) };
}

function open(dir: string): TalliedRun {
  const path = runStorePath(dir);
  // Read-only: a run may still be writing either folder; a damaged store is refused untouched.
  inspectStore(path);
  const store = new SqliteStore(path, { readOnly: true });
  try {
    return tallyStore(store, dir);
  } finally {
    store.close();
  }
}
