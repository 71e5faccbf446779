/**
 * A TCP pass-through on 127.0.0.1:0 in front of a fake server that watches its connections, so a test can see a
 * client hang up: an aborted stream must close its socket, not leave the fake writing to nobody.
 *
 * fetch pools connections across clients, so a test cannot assume "the only open connection is mine". It asks for
 * the connection that last carried response bytes instead, e.g. from inside a stream's `onText`:
 *   const tracker = await startConnectionTracker(fake.url);
 *   const client = new OpenAI({ baseURL: tracker.url, apiKey: 'test' });
 *   ... onText: () => { connection = tracker.lastActive(); controller.abort(); } ...
 *   await connection.closed(1000);
 */
import { connect, createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface TrackedConnection {
  readonly open: boolean;
  /** Resolves once the client side has closed; rejects after `timeoutMs`. */
  closed(timeoutMs?: number): Promise<void>;
}

export interface ConnectionTracker {
  /** The target URL with the tracker's port (same path), ready for `new OpenAI({ baseURL })`. */
  url: string;
  /** Connections accepted so far. */
  readonly accepted: number;
  /** The connection that most recently carried bytes from the server to the client. */
  lastActive(): TrackedConnection | null;
  close(): Promise<void>;
}

function track(client: Socket): TrackedConnection {
  let open = true;
  const whenClosed = new Promise<void>((resolve) =>
    client.once('close', () => {
      open = false;
      resolve();
    }),
  );
  return {
    get open() {
      return open;
    },
    closed(timeoutMs = 2000) {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error(`the connection was still open after ${timeoutMs} ms`)), timeoutMs);
      });
      return Promise.race([whenClosed, late]).finally(() => clearTimeout(timer));
    },
  };
}

export async function startConnectionTracker(targetUrl: string): Promise<ConnectionTracker> {
  const target = new URL(targetUrl);
  const sockets = new Set<Socket>();
  let accepted = 0;
  let lastActive: TrackedConnection | null = null;

  const server = createServer((client) => {
    accepted += 1;
    sockets.add(client);
    const connection = track(client);
    const upstream = connect(Number(target.port), target.hostname);
    client.pipe(upstream);
    upstream.pipe(client);
    upstream.on('data', () => {
      lastActive = connection;
    });
    // Either side going away ends the pair, as it would on a real network path.
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    client.on('close', () => sockets.delete(client));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = new URL(targetUrl);
  url.port = String((server.address() as AddressInfo).port);

  return {
    url: url.toString().replace(/\/$/, ''),
    get accepted() {
      return accepted;
    },
    lastActive: () => lastActive,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
