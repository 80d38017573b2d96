// Bundles the CLI into dist/masld.bundle.js: resolving and compiling ~400 ES modules one by one is
// most of the start-up cost (`masld --version` 0.6 s of CPU unbundled, 0.3 s bundled).
// Every bundled module keeps its own import.meta.url, so data files, the worker pool's entry and
// tinypool's own worker resolve exactly as unbundled. Packages loaded only on demand, native ones,
// and those required by name stay external.
import { readFile } from 'node:fs/promises';
import { dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const OUT = `${ROOT}dist/masld.bundle.js`;
// pg and bullmq serve only audits spread over machines, loaded on demand.
const EXTERNAL = ['better-sqlite3', 'node-llama-cpp', 'vega', 'vega-lite', 'compromise', 'playwright-core', 'pg', 'bullmq', 'ioredis'];

await build({
  entryPoints: [`${ROOT}dist/cli/main.js`],
  outfile: OUT,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: EXTERNAL,
  // Bundled CommonJS packages call require() for Node built-ins.
  banner: { js: "import { createRequire as __masldRequire } from 'node:module'; const require = __masldRequire(import.meta.url);" },
  logLevel: 'warning',
  plugins: [
    {
      name: 'own-import-meta-url',
      setup(b) {
        b.onLoad({ filter: /\.(?:m?js|cjs)$/ }, async ({ path }) => {
          const own = `./${relative(dirname(OUT), path)}`;
          const text = (await readFile(path, 'utf8')).replaceAll('import.meta.url', `new URL(${JSON.stringify(own)}, import.meta.url).href`);
          return { contents: text, loader: 'js', resolveDir: dirname(path) };
        });
      },
    },
  ],
});
