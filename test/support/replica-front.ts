import { connect, createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/** A replica a test can kill and restart on its port: a TCP front on 127.0.0.1 forwarding to a server behind it. */
export interface ReplicaFront {
  /** The front's base URL: the server behind's path on the front's port. */
  url: string;
  /** Connections the front refused while dead (each a request that reached the dead replica). */
  deadHits: number[];
  /** Drops every open connection; later ones are reset on arrival. */
  kill(): void;
  restart(): void;
  close(): Promise<void>;
}

/** Fronts the server at `behind` (e.g. a fake-openai URL, path kept). */
export async function startReplicaFront(behind: string): Promise<ReplicaFront> {
  const target = new URL(behind);
  const sockets = new Set<Socket>();
  let dead = false;
  const front: Partial<ReplicaFront> = { deadHits: [] };
  const server = createServer((client) => {
    if (dead) {
      front.deadHits!.push(performance.now());
      client.destroy();
      return;
    }
    const upstream = connect(Number(target.port), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    }
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const dropAll = () => {
    for (const s of sockets) s.destroy();
  };
  return Object.assign(front, {
    url: `http://127.0.0.1:${port}${target.pathname.replace(/\/$/, '')}`,
    kill: () => {
      dead = true;
      dropAll();
    },
    restart: () => {
      dead = false;
    },
    close: () =>
      new Promise<void>((r) => {
        dropAll();
        server.close(() => r());
      }),
  }) as ReplicaFront;
}
