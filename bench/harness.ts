import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const HERE = fileURLToPath(new URL('./', import.meta.url));

export interface Loopback {
  url: string;
  base: string;
  /** `limited`: when each 429 was sent (with RPM set). */
  stats(): Promise<{ requests: number; first: number; last: number; connections: number; limited: number[] }>;
  reset(): Promise<void>;
  stop(): void;
}

/** `env` sets the server's RPM, BURST and RATE_HEADERS (loopback-server.mjs). */
export function startLoopback(latencyMs = 0, env: Record<string, string> = {}): Promise<Loopback> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [`${HERE}loopback-server.mjs`], {
      env: { ...process.env, LATENCY_MS: String(latencyMs), ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.stdout.once('data', (d: Buffer) => {
      const port = /PORT (\d+)/.exec(d.toString())?.[1];
      if (!port) return reject(new Error('loopback server did not start'));
      const base = `http://127.0.0.1:${port}`;
      resolve({
        url: `${base}/v1`,
        base,
        stats: async () => (await fetch(`${base}/stats`)).json() as never,
        reset: async () => {
          await fetch(`${base}/reset`, { method: 'POST' });
        },
        stop: () => child.kill('SIGTERM'),
      });
    });
    child.on('error', reject);
  });
}

export const BARE_FETCH = `${HERE}bare-fetch.mjs`;

/** Runs the built CLI in a child, returning wall time and peak RSS. */
export function runMasld(args: string[]): ReturnType<typeof runNode> {
  return runNode([`${HERE}measure-child.mjs`, ...args]);
}

/** Runs a node script in a child, returning wall time and (for measure-child) peak RSS. */
export function runNode(args: string[]): Promise<{ code: number | null; ms: number; rssMb: number | null; stderr: string; stdout: string }> {
  return new Promise((resolve) => {
    const t = performance.now();
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => {
      const rss = /MAXRSS_MB ([\d.]+)/.exec(stderr)?.[1];
      resolve({ code, ms: performance.now() - t, rssMb: rss ? Number(rss) : null, stderr, stdout });
    });
  });
}
