import type { Server } from 'node:http';
import { serve } from '@hono/node-server';

export interface RunningServer {
  /** `http://127.0.0.1:PORT` */
  origin: string;
  close(): Promise<void>;
}

type FetchHandler = (request: Request) => Response | Promise<Response>;

/**
 * Serves a fetch handler (a Hono app's `fetch`) on loopback, on a port the OS picks.
 * `keepAliveTimeoutMs` replaces Node's 5 s where the handler blocks the event loop: the idle
 * timer of a kept-alive connection can fire before the loop reads the next request already
 * sent on it, and the connection is reset under the client.
 */
export function listenOnLoopback(
  fetch: FetchHandler,
  options: { keepAliveTimeoutMs?: number } = {},
): Promise<RunningServer> {
  return new Promise((resolve) => {
    const server = serve({ fetch, hostname: '127.0.0.1', port: 0 }, (info) =>
      resolve({
        origin: `http://127.0.0.1:${info.port}`,
        close: () =>
          new Promise<void>((done) => {
            // Keep-alive connections of the load generator would otherwise hold the server open.
            (server as Server).closeAllConnections();
            server.close(() => done());
          }),
      }),
    );
    if (options.keepAliveTimeoutMs !== undefined) (server as Server).keepAliveTimeout = options.keepAliveTimeoutMs;
  });
}
