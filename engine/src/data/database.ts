import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { announceEndpoint, runningEndpoint, withdrawEndpoint } from './embedded-endpoint.ts';

/** A PostgreSQL endpoint the engine talks to, whichever way it is provided. */
export interface DatabaseHandle {
  /** Connection URL for MikroORM's PostgreSQL driver. */
  url: string;
  /** True when the database is PGlite running inside this process. */
  embedded: boolean;
  close(): Promise<void>;
}

/**
 * Opens the configured database: a PostgreSQL server when a URL is given, otherwise
 * PGlite (PostgreSQL compiled to WASM) in `dataDir`, served over the wire protocol on
 * loopback so that one driver and one SQL dialect serve both modes.
 */
export async function openDatabase(options: { url?: string; dataDir: string }): Promise<DatabaseHandle> {
  if (options.url) return { url: options.url, embedded: false, close: async () => {} };
  // Another engine already serves this directory: share its endpoint like a second node.
  const running = await runningEndpoint(options.dataDir);
  if (running) return { url: running, embedded: true, close: async () => {} };
  const handle = await startEmbeddedPostgres(options.dataDir);
  await announceEndpoint(options.dataDir, handle.url);
  return {
    ...handle,
    close: async () => {
      await withdrawEndpoint(options.dataDir);
      await handle.close();
    },
  };
}

export async function startEmbeddedPostgres(dataDir: string): Promise<DatabaseHandle> {
  await mkdir(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir);
  // The default of one connection breaks a second pool (a re-initialised ORM after publish).
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 16 });
  await server.start();
  const port = (server as unknown as { port: number }).port;
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    embedded: true,
    close: async () => {
      await server.stop();
      await db.close();
    },
  };
}
