import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_CONFIG_FILE } from '../config/init-template.js';

/**
 * The config a command reads: --config when given, else ./masld.yaml when
 * there is one (said on stderr, so a run never picks a file up unseen), else
 * none (the built-in default).
 */
export function configFileOf(flag: string | undefined, o: { quiet?: boolean } = {}): string | undefined {
  if (flag !== undefined) return flag;
  if (!existsSync(resolve(DEFAULT_CONFIG_FILE))) return undefined;
  if (!o.quiet) process.stderr.write(`masld: reading ./${DEFAULT_CONFIG_FILE} (no --config given)\n`);
  return DEFAULT_CONFIG_FILE;
}
