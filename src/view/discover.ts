import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export interface RunEntry {
  /** Position in the list: the only way a request names a run. */
  index: number;
  root: string;
  dir: string;
  label: string;
  generatedAt: string;
  models: string[];
  cases: number;
}

/** Folders holding a results.json, at most `depth` levels below each root, never outside it (symlinks included). */
export function discoverRuns(roots: readonly string[], depth = 3): RunEntry[] {
  const out: RunEntry[] = [];
  for (const r of roots) {
    const root = realpathSync(r);
    const walk = (dir: string, level: number) => {
      let real: string;
      try {
        real = realpathSync(dir);
      } catch {
        return;
      }
      if (real !== root && !real.startsWith(root + sep)) return;
      if (existsSync(join(real, 'results.json'))) {
        try {
          const res = JSON.parse(readFileSync(join(real, 'results.json'), 'utf8')) as {
            generatedAt?: string;
            models?: { id: string }[];
            cases?: { count?: number };
          };
          out.push({
            index: out.length,
            root,
            dir: real,
            label: relative(root, real) || '.',
            generatedAt: res.generatedAt ?? '',
            models: (res.models ?? []).map((m) => m.id),
            cases: res.cases?.count ?? 0,
          });
        } catch {
          /* not a readable run: skip */
        }
      }
      if (level >= depth) return;
      for (const name of readdirSync(real).sort()) {
        if (name.startsWith('.') || name === 'node_modules') continue;
        const child = join(real, name);
        try {
          if (statSync(child).isDirectory()) walk(child, level + 1);
        } catch {
          /* unreadable */
        }
      }
    };
    walk(root, 0);
  }
  return out;
}
