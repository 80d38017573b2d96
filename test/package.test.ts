import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { before, describe, it } from 'node:test';
import { BIN, ROOT, tempDir } from './support/cli.js';
import { normaliseResults } from './support/golden.js';
import { NODE22, needs } from './support/needs.js';

/**
 * The package as published: `npm pack` of the built checkout (npm test builds
 * first), installed from the tarball into an empty folder, run through npx.
 * Install scripts are not run, as under an npm that blocks them: on Node 22
 * the audit must then run on node:sqlite with no native build at all, and on
 * Node 20 doctor must say what is missing. (The whole suite runs the same dist
 * on Node 20 with better-sqlite3 built.)
 */
interface Packed {
  filename: string;
  size: number;
  unpackedSize: number;
  files: { path: string }[];
}

/** Runs a command; npm's own variables from an enclosing `npm test` are not passed on. */
function sh(cmd: string, args: string[], o: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number }) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) && k !== 'NODE_TEST_CONTEXT'));
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: o.cwd, env: { ...env, ...o.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), o.timeoutMs ?? 120_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const SHIPPED = /^(?:bin\/masld\.js|dist\/.+|data\/.+|masld\.schema\.json|README\.md|METHODS\.md|RESULTS-SCHEMA\.md|package\.json)$/;

describe('the published package', () => {
  let packed: Packed;
  let tarball: string;
  let consumer: string;
  before(async () => {
    const dest = tempDir('masld-pack-');
    // The build ran already (npm test builds first): --ignore-scripts keeps pack from building again.
    const r = await sh('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dest], { cwd: ROOT });
    assert.equal(r.code, 0, r.stderr);
    packed = (JSON.parse(r.stdout) as Packed[])[0];
    tarball = join(dest, packed.filename);
    consumer = tempDir('masld-consumer-');
    const i = await sh('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball], { cwd: consumer, timeoutMs: 300_000 });
    assert.equal(i.code, 0, i.stderr);
  });

  it('ships the CLI, dist, the bank, the schema and the docs; no source, test or bench code', (t) => {
    const paths = packed.files.map((f) => f.path);
    t.diagnostic(
      `${packed.filename}: ${(packed.size / 1e6).toFixed(2)} MB packed, ${(packed.unpackedSize / 1e6).toFixed(2)} MB unpacked, ${paths.length} files`,
    );
    assert.deepEqual(
      paths.filter((p) => !SHIPPED.test(p)),
      [],
    );
    assert.deepEqual(
      paths.filter((p) => /(?:^|\/)(?:test|tests|bench|src|scripts|\.ci)\/|\.test\.|\.tsbuildinfo$/.test(p)),
      [],
    );
    const expected = ['bin/masld.js', 'dist/index.js', 'dist/index.d.ts', 'dist/cli/main.js', 'dist/masld.bundle.js', 'dist/cases/bank.compiled.json'];
    for (const p of [...expected, 'masld.schema.json']) assert.ok(paths.includes(p), p);
    assert.ok(packed.size < 2e6, `packed size ${packed.size}`);
  });

  it('package.json: exports and types name shipped files, engines, better-sqlite3 optional, node-llama-cpp an optional peer', () => {
    const pkg = JSON.parse(readFileSync(join(consumer, 'node_modules', 'ai-masld', 'package.json'), 'utf8'));
    const at = (p: string) => join(consumer, 'node_modules', 'ai-masld', p);
    assert.deepEqual(pkg.exports, { '.': { types: './dist/index.d.ts', import: './dist/index.js' } });
    assert.equal(pkg.types, 'dist/index.d.ts');
    assert.equal(pkg.type, 'module');
    for (const p of [pkg.types, pkg.main, pkg.exports['.'].import, pkg.bin.masld]) assert.ok(existsSync(at(p)), p);
    assert.equal(pkg.engines.node, '>=20.19');
    assert.equal(pkg.optionalDependencies['better-sqlite3'], '12.11.1');
    assert.equal(pkg.dependencies['better-sqlite3'], undefined);
    assert.deepEqual(pkg.peerDependenciesMeta['node-llama-cpp'], { optional: true });
    assert.ok(!existsSync(join(consumer, 'node_modules', 'node-llama-cpp')), 'an optional peer is not installed');
    assert.equal(readFileSync(at('bin/masld.js'), 'utf8').split('\n')[0], '#!/usr/bin/env node');
  });

  it("a consumer's strict TypeScript compiles against the shipped types (no skipLibCheck)", async () => {
    writeFileSync(
      join(consumer, 'consumer.ts'),
      `import { audit, MasldError, type Results } from 'ai-masld';
export async function run(): Promise<Results | undefined> {
  try {
    return (await audit({ out: 'runs/x' })).results;
  } catch (err) {
    if (err instanceof MasldError && err.exitCode === 2) return undefined;
    throw err;
  }
}\n`,
    );
    const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const types = join(ROOT, 'node_modules', '@types');
    const flags = [
      '--noEmit',
      '--strict',
      '--module',
      'nodenext',
      '--moduleResolution',
      'nodenext',
      '--target',
      'es2022',
      '--types',
      'node',
      '--typeRoots',
      types,
    ];
    const r = await sh(process.execPath, [tsc, ...flags, 'consumer.ts'], { cwd: consumer });
    assert.equal(r.code, 0, r.stdout + r.stderr);
  });

  // Planning is the same code case by case: 12 cases show it works from the install at a twentieth of the full bank's cost.
  it('Node 20: `npx masld audit --dry-run --model openai:gpt-4o` plans without a key; schema and init point to the shipped schema', async () => {
    const dry = await sh('npx', ['masld', 'audit', '--dry-run', '--limit', '12', '--model', 'openai:gpt-4o'], { cwd: consumer, env: { OPENAI_API_KEY: '' } });
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stdout, /^Dry run: 12 cases \(builtin\), \d+ prompts per model, 1 model\(s\)\. Nothing is called\./);
    assert.match(dry.stdout, /openai:gpt-4o +TOTAL +live +[\d,]+ +[\d,]+ +[\d,]+ +\$\d+\.\d\d/);
    const schema = await sh('npx', ['masld', 'schema'], { cwd: consumer });
    assert.equal(schema.stdout, readFileSync(join(consumer, 'node_modules', 'ai-masld', 'masld.schema.json'), 'utf8'));
    const init = await sh('npx', ['masld', 'init'], { cwd: consumer });
    assert.equal(init.code, 0, init.stderr);
    assert.equal(readFileSync(join(consumer, 'masld.yaml'), 'utf8').split('\n')[0], '# yaml-language-server: $schema=node_modules/ai-masld/masld.schema.json');
  });

  it('Node 20 with install scripts blocked: doctor fails on the SQLite store and says what to allow', {
    skip: Number(process.versions.node.split('.')[0]) >= 22,
  }, async () => {
    const r = await sh('npx', ['masld', 'doctor'], { cwd: consumer });
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /fail {2}SQLite store: no SQLite back end is available .*better-sqlite3 is installed but its native binding does not load/);
    assert.match(r.stdout, /npm rebuild better-sqlite3/);
    assert.match(r.stderr, /\[E_DOCTOR\]/);
  });

  // The full default audit runs on Node 20 in test/cli/control-panel.test.ts against its golden copy; here the first 24 cases
  // (every control, all probes) show the installed package on node:sqlite writes the very same results.json.
  it('Node ≥ 22.13: `npx masld audit` on node:sqlite, no native build, writes the results.json the checkout writes on better-sqlite3', {
    skip: needs(NODE22),
    timeout: 300_000,
  }, async () => {
    const env = { PATH: `${dirname(process.env.MASLD_NODE22!)}${delimiter}${process.env.PATH}` };
    const doctor = await sh('npx', ['masld', 'doctor'], { cwd: consumer, env });
    assert.match(doctor.stdout, /Node: 22\./);
    assert.match(doctor.stdout, /ok {4}SQLite store: node:sqlite is active/);
    // The built-in default, as a first-time user runs it: no config (init above wrote one).
    rmSync(join(consumer, 'masld.yaml'));
    const out = join(consumer, 'out');
    const r = await sh('npx', ['masld', 'audit', '--limit', '24', '--out', out, '--no-progress'], { cwd: consumer, env, timeoutMs: 240_000 });
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stderr, /masld\.yaml/);
    assert.doesNotMatch(r.stderr, /ExperimentalWarning/);
    assert.match(r.stdout, /Wrote .*results\.json, results\.csv, summary\.md and report\.html \(\d+ calls made, 0 reused\)/);
    for (const f of ['results.csv', 'summary.md', 'report.html', 'audit.sqlite']) assert.ok(existsSync(join(out, f)), f);
    const here = join(tempDir('masld-checkout-'), 'out');
    const h = await sh(process.execPath, [BIN, 'audit', '--limit', '24', '--out', here, '--no-progress'], { cwd: consumer, timeoutMs: 240_000 });
    assert.equal(h.code, 0, h.stderr);
    assert.equal(
      normaliseResults(readFileSync(join(out, 'results.json'), 'utf8'), { out }),
      normaliseResults(readFileSync(join(here, 'results.json'), 'utf8'), { out: here }),
    );
  });
});
