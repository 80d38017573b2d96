import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = join(ROOT, 'bin', 'masld.js');
export const SHARED = join(ROOT, '..', 'shared');
export const MEDQA = join(SHARED, 'data', 'medqa-usmle', 'medqa_us_4opt_test.jsonl');
export const MMLU_DIR = join(SHARED, 'data', 'mmlu-medical');

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

const made: string[] = [];
// Registered at import, so on the file's root: it runs once every test of the file has finished
// (registered from inside a before() hook, an after() would run as soon as that hook ends).
after(() => {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true, maxRetries: 3 });
});

/** A fresh folder under the system's temp folder, removed when the test file's tests have run. */
export function tempDir(prefix = 'masld-test-'): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  made.push(d);
  return d;
}

/** Runs the built CLI as a user would, in its own process; by default in a fresh temp folder, so nothing lands in the checkout. */
export function runCli(
  args: string[],
  opts: {
    cwd?: string;
    env?: NodeJS.ProcessEnv;
    timeoutMs?: number;
    signalAfter?: { signal: NodeJS.Signals; ms: number };
    signalWhen?: { signal: NodeJS.Signals; ready: () => boolean };
  } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: opts.cwd ?? tempDir('masld-cwd-'),
      env: { ...process.env, ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 120_000);
    const signaller = opts.signalAfter && setTimeout(() => child.kill(opts.signalAfter!.signal), opts.signalAfter.ms);
    // Signal once a condition holds (e.g. the server has seen requests), whatever the machine's load.
    const poller =
      opts.signalWhen &&
      setInterval(() => {
        if (opts.signalWhen!.ready()) {
          clearInterval(poller);
          child.kill(opts.signalWhen!.signal);
        }
      }, 20);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (signaller) clearTimeout(signaller);
      if (poller) clearInterval(poller);
      resolve({ code, signal, stdout, stderr });
    });
  });
}
