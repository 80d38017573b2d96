#!/usr/bin/env node
import { statSync } from 'node:fs';
import module from 'node:module';

// Node 22.1 and later keep compiled code between runs (off with NODE_DISABLE_COMPILE_CACHE=1); Node 20 has no such cache.
module.enableCompileCache?.();

// `masld … | head` closes the pipe early: that is not an error.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

// The bundled CLI starts in half the CPU time; a bundle older than the compiled CLI (tsc run alone)
// is never used.
const built = (p) => statSync(new URL(p, import.meta.url), { throwIfNoEntry: false })?.mtimeMs ?? -1;
const fresh = built('../dist/masld.bundle.js') >= built('../dist/cli/main.js');
const { main } = await import(fresh ? '../dist/masld.bundle.js' : '../dist/cli/main.js');
process.exitCode = await main(process.argv);
