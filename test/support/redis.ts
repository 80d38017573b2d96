import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Need, which } from './needs.js';

/** Tests that need Redis skip with this named when redis-server is absent: `{ skip: needs(REDIS_SERVER) }`. */
export const REDIS_SERVER: Need = { binary: 'redis-server', what: 'Redis (apt-get install redis-server)' };

export interface RedisServer {
  /** redis://[:password@]127.0.0.1:PORT */
  url: string;
  port: number;
  /** Stops the server and removes its data folder. */
  stop(): Promise<void>;
  /** Kills the server (SIGKILL: nothing but its append-only file survives), waits downMs, starts it again on the same port. */
  restart(downMs?: number): Promise<void>;
}

async function freePort(): Promise<number> {
  const srv = createServer();
  srv.listen(0, '127.0.0.1');
  await once(srv, 'listening');
  const port = (srv.address() as { port: number }).port;
  srv.close();
  await once(srv, 'close');
  return port;
}

function launch(port: number, dir: string, password?: string): Promise<ChildProcess> {
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'yes', '--appendfsync', 'always'];
  if (password) args.push('--requirepass', password);
  const child = spawn(which('redis-server') ?? 'redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let log = '';
    const onData = (b: Buffer) => {
      log += b.toString();
      if (/Ready to accept connections/.test(log)) {
        child.stdout?.off('data', onData);
        child.stdout?.resume();
        child.off('exit', onExit);
        resolve(child);
      }
    };
    const onExit = (code: number | null) => reject(new Error(`redis-server exited (${code}) before it was ready:\n${log}`));
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (b: Buffer) => {
      log += b.toString();
    });
    child.once('exit', onExit);
    child.once('error', reject);
  });
}

async function halt(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill(signal);
  await exited;
}

/** A throwaway redis-server on 127.0.0.1 (free port, temp folder, append-only with fsync at every write). */
export async function startRedis(o: { password?: string } = {}): Promise<RedisServer> {
  const dir = mkdtempSync(join(tmpdir(), 'masld-redis-'));
  const port = await freePort();
  let child = await launch(port, dir, o.password);
  // A test that dies half-way must not leave a server behind.
  const onExit = () => child.kill('SIGKILL');
  process.once('exit', onExit);
  const auth = o.password ? `:${encodeURIComponent(o.password)}@` : '';
  return {
    url: `redis://${auth}127.0.0.1:${port}`,
    port,
    async stop() {
      await halt(child, 'SIGTERM');
      process.off('exit', onExit);
      rmSync(dir, { recursive: true, force: true });
    },
    async restart(downMs = 0) {
      await halt(child, 'SIGKILL');
      if (downMs > 0) await new Promise((r) => setTimeout(r, downMs));
      child = await launch(port, dir, o.password);
    },
  };
}
