import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { inputError } from '../errors.js';

/**
 * One audit per output folder. The lock file holds the owner's pid; a lock left
 * by a dead process (kill -9) is taken over.
 */
export function acquireLock(dir: string): () => void {
  const path = join(dir, '.masld.lock');
  for (let tries = 0; tries < 2; tries++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        try { unlinkSync(path); } catch { /* already gone */ }
      };
    } catch (err) {
      if ((err as { code?: string }).code !== 'EEXIST') throw err;
      const pid = Number(readFileSync(path, 'utf8').trim());
      if (pid && pid !== process.pid && isAlive(pid)) {
        throw inputError('E_LOCKED', `another masld process (pid ${pid}) is writing to this folder. Wait for it to finish, stop it, or choose another --out.`, { file: dir });
      }
      try { unlinkSync(path); } catch { /* raced with another taker */ }
    }
  }
  throw inputError('E_LOCKED', 'could not take the folder lock', { file: dir });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as { code?: string }).code === 'EPERM';
  }
}
