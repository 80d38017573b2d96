import { existsSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { sha256, stableStringify } from '../util/hash.js';
import type { CheckReport } from '../variants/check/check.js';
import type { VariantSet } from '../variants/build.js';
import type { ScreenSummary } from '../variants/screen.js';
import { TOOL } from '../version.js';

/** The screened variants of an audit, kept beside its store so a resume need not rebuild them. */
export interface CachedVariants {
  variantSet: VariantSet;
  screen: ScreenSummary;
  check: CheckReport;
}

export const VARIANT_CACHE_FILE = 'variants.cache.json.gz';

/** Where the code and data that make variants live, relative to this module (src/ under tsx, dist/ when built). */
const ROOT = fileURLToPath(new URL('../', import.meta.url));
const PACKAGE = fileURLToPath(new URL('../../', import.meta.url));
const SOURCES = ['probes', 'variants', 'cases', 'util'].map((d) => join(ROOT, d));
const DATA = [join(PACKAGE, 'data', 'probes')];
const LIBRARIES = ['compromise', 'confusables'];

let codeHash: string | undefined;

/**
 * Everything the variants depend on besides the cases and the config: the
 * probe, variant, case and text code, the phrase banks, and the NLP
 * libraries' versions. Any edit to them, released or not, makes a new key.
 */
export function variantCode(): string {
  if (codeHash) return codeHash;
  const parts: string[] = [TOOL.version];
  for (const dir of [...SOURCES, ...DATA]) for (const f of files(dir)) parts.push(f.slice(PACKAGE.length), sha256(readFileSync(f, 'utf8')));
  for (const lib of LIBRARIES) {
    try {
      parts.push(lib, (JSON.parse(readFileSync(join(PACKAGE, 'node_modules', lib, 'package.json'), 'utf8')) as { version: string }).version);
    } catch {
      parts.push(lib, 'unknown');
    }
  }
  return (codeHash = sha256(parts.join('\n')));
}

function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const p = join(dir, name);
      return statSync(p).isDirectory() ? files(p) : /\.(?:ts|js|ya?ml)$/.test(name) && !name.endsWith('.d.ts') ? [p] : [];
    });
}

/** The cache key: the code's hash, the cases' hash and every setting that shapes the variants. */
export function variantCacheKey(inputs: {
  casesSha256: string;
  probes: readonly string[];
  counterfactuals: readonly string[];
  doubleStress: boolean;
  retest: number;
  seed: number;
  allowDefective: boolean;
}): string {
  return sha256(stableStringify({ code: variantCode(), ...inputs }));
}

/** The cached variants for this key, or null: a missing, stale or unreadable cache is simply rebuilt. */
export function readVariantCache(dir: string, key: string): CachedVariants | null {
  const file = join(dir, VARIANT_CACHE_FILE);
  if (!existsSync(file)) return null;
  try {
    const doc = JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as { key: string; value: CachedVariants };
    return doc.key === key ? doc.value : null;
  } catch {
    return null;
  }
}

/** Written whole to a temporary name and renamed, so a kill leaves the old cache or the new one, never half of one. */
export function writeVariantCache(dir: string, key: string, value: CachedVariants): void {
  const file = join(dir, VARIANT_CACHE_FILE);
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, gzipSync(JSON.stringify({ key, value }), { level: 1 }));
  renameSync(tmp, file);
}
