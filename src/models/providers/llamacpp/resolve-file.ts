import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { inputError, MasldError } from '../../../errors.js';
import { nodeLlamaCpp } from './runtime.js';

export interface ResolveOptions {
  env: NodeJS.ProcessEnv;
  /** Expected sha256 of the file. */
  sha256?: string;
  /** Download time limit; downloads are for real users, tests run offline. */
  timeoutMs?: number;
  field: string;
}

export function modelsDir(env: NodeJS.ProcessEnv): string {
  return env.MASLD_MODELS_DIR ?? join(homedir(), '.cache', 'masld', 'models');
}

const offline = (env: NodeJS.ProcessEnv) => env.MASLD_OFFLINE === '1' || env.MASLD_OFFLINE === 'true';

/**
 * A GGUF path, or `hf:<repo>/<file>` downloaded once into the model cache.
 * With MASLD_OFFLINE=1 nothing is fetched: a missing file is an error that
 * says which file to place where.
 */
export async function resolveModelFile(spec: string, o: ResolveOptions): Promise<string> {
  let path: string;
  if (spec.startsWith('hf:')) {
    const dir = modelsDir(o.env);
    const expected = join(dir, basename(spec));
    if (offline(o.env)) {
      if (!existsSync(expected)) {
        throw inputError(
          'E_ENV',
          `MASLD_OFFLINE=1 forbids downloading ${spec}. Place the file at ${expected} (or set MASLD_MODELS_DIR), or unset MASLD_OFFLINE.`,
          { field: o.field },
        );
      }
      path = expected;
    } else {
      mkdirSync(dir, { recursive: true });
      const lib = await nodeLlamaCpp();
      let lastPct = -10;
      try {
        path = await lib.resolveModelFile(spec, {
          directory: dir,
          cli: false,
          signal: AbortSignal.timeout(o.timeoutMs ?? 30 * 60_000),
          onProgress: ({ totalSize, downloadedSize }) => {
            const pct = totalSize ? Math.floor((100 * downloadedSize) / totalSize) : 0;
            if (pct >= lastPct + 10) {
              lastPct = pct;
              process.stderr.write(`masld: downloading ${spec}: ${pct}% of ${(totalSize / 1048576).toFixed(0)} MB\n`);
            }
          },
        });
      } catch (err) {
        throw new MasldError(
          'E_PROVIDER',
          `could not download ${spec} into ${dir}: ${(err as Error).message}. Download it yourself and place it there, or use a local path.`,
        );
      }
    }
  } else {
    path = resolve(spec);
    if (!existsSync(path)) throw inputError('E_CONFIG', `model file not found: ${path}`, { field: o.field });
  }
  if (o.sha256) {
    const got = await fileSha256(path);
    if (got.toLowerCase() !== o.sha256.toLowerCase())
      throw inputError('E_CONFIG', `sha256 of ${path} is ${got}, not the expected ${o.sha256}: the file is corrupt or a different build`, { field: o.field });
  }
  return path;
}

export function fileSha256(path: string): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const h = createHash('sha256');
    createReadStream(path)
      .on('data', (d) => h.update(d))
      .on('error', reject)
      .on('end', () => resolvePromise(h.digest('hex')));
  });
}
