import { renameSync, writeFileSync } from 'node:fs';

/** Write to a temporary name, then rename: a killed process never leaves half a file. */
export function writeFileAtomic(path: string, data: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}
