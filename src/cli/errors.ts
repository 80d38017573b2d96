import { CommanderError } from 'commander';
import { MasldError } from '../errors.js';
import { safeTerminal } from '../report/format.js';

/** Prints an error the way users need it: one paragraph, a stable code, no stack unless --debug. */
export function reportError(err: unknown, debug: boolean): number {
  if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
  if (err instanceof MasldError) {
    process.stderr.write(`masld: ${safeTerminal(err.message)} [${err.code}]\n`);
    if (debug && err.stack) process.stderr.write(`${safeTerminal(err.stack)}\n`);
    return err.exitCode;
  }
  const e = err as Error;
  process.stderr.write(`masld: unexpected error: ${safeTerminal(e?.message ?? String(err))} [E_INTERNAL]\n`);
  if (debug && e?.stack) process.stderr.write(`${safeTerminal(e.stack)}\n`);
  else process.stderr.write('Run again with --debug for details.\n');
  return 1;
}
