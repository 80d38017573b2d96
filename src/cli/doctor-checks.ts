import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ModelConfig } from '../config/schema.js';
import { getProviderDefinition } from '../models/registry.js';
import { llamaCpp, type LlamaCppModelConfig } from '../models/providers/llamacpp.js';
import { modelsDir } from '../models/providers/llamacpp/resolve-file.js';
import { getRuntime } from '../models/providers/llamacpp/runtime.js';
import { BACKEND_ENV, probeBackend, SQLITE_BACKENDS, sqliteBackend } from '../util/sqlite.js';

/** `fail`: something the configured audit needs is missing; `warn`: something optional. */
export interface Check {
  level: 'ok' | 'warn' | 'fail';
  what: string;
  detail: string;
}

const PKG = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { engines: { node: string } };

const parts = (v: string) =>
  v
    .replace(/^[^0-9]*/, '')
    .split('.')
    .map(Number);
function atLeast(version: string, min: string): boolean {
  const [a, b] = [parts(version), parts(min)];
  for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  return true;
}

export function nodeCheck(version = process.versions.node): Check {
  const min = PKG.engines.node.replace(/^>=\s*/, '');
  return atLeast(version, min)
    ? { level: 'ok', what: 'Node', detail: `${version} (ai-masld needs ≥ ${min})` }
    : { level: 'fail', what: 'Node', detail: `${version}; ai-masld needs ≥ ${min}` };
}

/** Which back end the store uses here, and why the other is not used. */
export function sqliteCheck(): Check {
  const status = SQLITE_BACKENDS.map((name) => {
    const r = probeBackend(name);
    return 'backend' in r ? `${name}: available (SQLite ${r.backend.sqliteVersion})` : `${name}: ${r.problem}`;
  });
  try {
    const active = sqliteBackend();
    const forced = process.env[BACKEND_ENV] ? `, forced by ${BACKEND_ENV}` : '';
    return { level: 'ok', what: 'SQLite store', detail: `${active.name} is active${forced} (${status.join('; ')})` };
  } catch (err) {
    return { level: 'fail', what: 'SQLite store', detail: (err as Error).message };
  }
}

/** The environment variables the models read their keys from: names only, never values. */
export function keyChecks(models: readonly ModelConfig[], env: NodeJS.ProcessEnv = process.env): Check[] {
  const out: Check[] = [];
  for (const m of models) {
    const preset = getProviderDefinition(m.provider)?.preset;
    const name = m.apiKeyEnv ?? preset?.keyEnv;
    if (!name) continue;
    const required = !!m.apiKeyEnv || !!preset?.keyRequired;
    if (env[name]) out.push({ level: 'ok', what: `key for ${m.id}`, detail: `${name} is set` });
    else out.push({ level: required ? 'fail' : 'warn', what: `key for ${m.id}`, detail: `${name} is not set${required ? '' : ' (optional)'}` });
  }
  return out;
}

/** The package folder an installed module resolves to, or null. */
function packageDir(name: string): string | null {
  try {
    let dir = dirname(fileURLToPath(import.meta.resolve(name)));
    while (!existsSync(join(dir, 'package.json')) || !dir.endsWith(name)) {
      const up = dirname(dir);
      if (up === dir) return null;
      dir = up;
    }
    return dir;
  } catch {
    return null;
  }
}

const PLATFORM: Record<string, string> = { darwin: 'mac', win32: 'win', linux: 'linux' };

/**
 * node-llama-cpp and its prebuilt binary for this platform. Required (and the
 * binary loaded, which takes seconds) only when a llamacpp model is configured.
 */
export async function llamaCheck(needed: boolean): Promise<Check> {
  const what = 'node-llama-cpp';
  const dir = packageDir('node-llama-cpp');
  const level = needed ? 'fail' : 'warn';
  const why = needed ? '' : ' (only llamacpp models need it)';
  if (!dir) return { level, what, detail: `not installed${why}; npm install -E node-llama-cpp@3.21.1` };
  const version = (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
  const prefix = `${PLATFORM[process.platform] ?? process.platform}-${process.arch}`;
  const scopes = [join(dir, 'node_modules', '@node-llama-cpp'), join(dirname(dir), '@node-llama-cpp')];
  const bins = scopes.flatMap((s) => (existsSync(s) ? readdirSync(s).filter((b) => b === prefix || b.startsWith(`${prefix}-`)) : []));
  if (!bins.length) return { level, what, detail: `${version} installed, but no prebuilt binary for ${prefix} (@node-llama-cpp/${prefix})${why}` };
  if (!needed) return { level: 'ok', what, detail: `${version}, prebuilt binaries: ${bins.join(', ')} (not loaded: no llamacpp model is configured)` };
  try {
    await getRuntime();
    return { level: 'ok', what, detail: `${version}, prebuilt binary ${bins.join(', ')} loads` };
  } catch (err) {
    return { level: 'fail', what, detail: (err as Error).message };
  }
}

/** Debian's Chromium or Chrome on PATH: the browser tests and their report screenshots use it; audits never do. */
export function chromiumCheck(which: (name: string) => string | null): Check {
  const found = ['chromium', 'chromium-browser', 'google-chrome'].map(which).find(Boolean);
  return found
    ? { level: 'ok', what: 'Chromium', detail: `${found} (for report screenshots in the browser tests)` }
    : { level: 'warn', what: 'Chromium', detail: 'not on PATH; only report screenshots in the browser tests need it (apt-get install chromium)' };
}

/** A model served by the llamacpp provider: node-llama-cpp and a GGUF file must be there. */
export const isLlamaCpp = (m: ModelConfig): m is LlamaCppModelConfig => m.provider === llamaCpp.name;

/** A llamacpp model's GGUF file: a local path must exist; an `hf:` file is used from the cache, else downloaded on first use. */
export function ggufChecks(models: readonly ModelConfig[], env: NodeJS.ProcessEnv = process.env): Check[] {
  return models.filter(isLlamaCpp).map((m): Check => {
    const what = `GGUF for ${m.id}`;
    if (!m.model.startsWith('hf:')) {
      const path = resolve(m.model);
      return existsSync(path) ? { level: 'ok', what, detail: path } : { level: 'fail', what, detail: `${path} not found` };
    }
    const cached = join(modelsDir(env), basename(m.model));
    if (existsSync(cached)) return { level: 'ok', what, detail: `${cached} (cached)` };
    return /^(?:1|true)$/.test(env.MASLD_OFFLINE ?? '')
      ? { level: 'fail', what, detail: `not in the cache (${cached}) and MASLD_OFFLINE forbids the download` }
      : { level: 'warn', what, detail: `not in the cache yet: the audit downloads it into ${dirname(cached)}` };
  });
}
