import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, MEDQA, tempDir } from './cli.js';
import { normaliseResults } from './golden.js';

/** A `masld worker` process; its stderr kept for the assertion messages. */
export interface WorkerProcess {
  child: ChildProcess;
  log(): string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
}

export function startWorker(queue: string, store: string, extra: string[] = []): WorkerProcess {
  const child = spawn(process.execPath, [BIN, 'worker', '--queue', queue, '--store', store, '--no-progress', ...extra], {
    cwd: tempDir('masld-worker-'),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  child.stderr!.on('data', (d) => (log += d));
  return { child, log: () => log, exited: once(child, 'exit').then(([code]) => code as number | null) };
}

/** Stops a worker as an operator would (SIGTERM: it finishes the calls in flight); its exit code. */
export async function stopWorker(w: WorkerProcess): Promise<number | null> {
  if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGTERM');
  return w.exited;
}

/** A config of `limit` MedQA cases, every probe at one dose and the default counterfactuals, asking the two hash-answering fake models. */
export function medqaConfig(serverUrl: string, limit: number): { dir: string; config: string } {
  const dir = tempDir();
  const config = join(dir, 'audit.yaml');
  const model = (id: string) => `  - id: ${id}\n    provider: openai-compatible\n    baseUrl: ${serverUrl}\n    model: ${id}\n`;
  writeFileSync(
    config,
    `cases:\n  path: ${MEDQA}\n  limit: ${limit}\nmodels:\n${['steady', 'shaky'].map(model).join('')}bootstrap:\n  resamples: 1000\ndoses: [1]\n`,
  );
  return { dir, config };
}

/** results.json with what differs between two runs of the same design taken out: the time and the folder. */
export const comparableResults = (out: string, dir: string, server: string) =>
  normaliseResults(readFileSync(join(out, 'results.json'), 'utf8'), { out, dir, medqa: MEDQA, server });
