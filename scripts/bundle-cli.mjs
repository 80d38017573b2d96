// Bundles the CLI into dist/masld.bundle.js: resolving and compiling ~400 ES modules one by one is
// most of the start-up cost (`masld --version` 0.6 s of CPU unbundled, 0.3 s bundled).
// The project's own modules keep their own import.meta.url, so data files and the worker pool's entry
// resolve exactly as unbundled. A package that finds its own files (import.meta.url, __dirname) must stay
// external, since where it is installed differs (hoisted in a consumer's node_modules): the build fails
// if one is bundled. Packages loaded only on demand, native ones, and those required by name stay external too.
import { readFile } from 'node:fs/promises';
import { dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const OUT = `${ROOT}dist/masld.bundle.js`;
// pg and bullmq serve only audits spread over machines, loaded on demand.
const EXTERNAL = ['better-sqlite3', 'node-llama-cpp', 'vega', 'vega-lite', 'compromise', 'playwright-core', 'pg', 'bullmq', 'ioredis', 'tinypool'];
// Comments may name these; code may not.
const SELF_LOCATING = /import\.meta\.url|\b__dirname\b|\b__filename\b/;
const code = (text) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');

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
          const text = await readFile(path, 'utf8');
          if (path.includes('/node_modules/')) {
            if (SELF_LOCATING.test(code(text))) throw new Error(`${path} finds its own files: add its package to EXTERNAL in scripts/bundle-cli.mjs`);
            return { contents: text, loader: 'js', resolveDir: dirname(path) };
          }
          const own = `./${relative(dirname(OUT), path)}`;
          return {
            contents: text.replaceAll('import.meta.url', `new URL(${JSON.stringify(own)}, import.meta.url).href`),
            loader: 'js',
            resolveDir: dirname(path),
          };
        });
      },
    },
  ],
});
