import { createRequire } from 'node:module';
import type compromise from 'compromise';

// compromise costs about 0.6 s of CPU to load and only building variants needs it, so it loads on first
// use: `--help`, a report or a resumed audit never pay. The probes are synchronous, hence require (the
// package's CommonJS build of the same version).
let lib: typeof compromise | undefined;

/** compromise's `nlp(text)`, loaded on the first call. */
export function nlp(text: string): ReturnType<typeof compromise> {
  lib ??= createRequire(import.meta.url)('compromise') as typeof compromise;
  return lib(text);
}
