import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { keepingBatchesTogether } from './pglite-batches.ts';

/** A PostgreSQL endpoint the engine talks to, whichever way it is provided. */
export interface DatabaseHandle {
  /** Connection URL for MikroORM's PostgreSQL driver. */
  url: string;
  /** True when the database is PGlite running inside this process. */
  embedded: boolean;
  close(): Promise<void>;
}

/** libpq's name for the socket of "port 5432" in a socket directory. */
const SOCKET_NAME = '.s.PGSQL.5432';

/**
 * Opens the configured database: a PostgreSQL server when a URL is given, otherwise
 * PGlite (PostgreSQL compiled to WASM) in `dataDir`, served over the wire protocol so that
 * one driver and one SQL dialect serve both modes.
 */
export async function openDatabase(options: { url?: string; dataDir: string }): Promise<DatabaseHandle> {
  if (options.url) return { url: options.url, embedded: false, close: async () => {} };
  return startEmbeddedPostgres(options.dataDir);
}

/**
 * PGlite accepts whoever connects, with any user name and password, as its superuser. So it
 * listens on no TCP port at all, only on a Unix socket in a fresh directory that only this
 * OS user may enter (0700), the socket itself 0600: no other local user or process of
 * another account can reach the embedded database.
 */
export async function startEmbeddedPostgres(dataDir: string): Promise<DatabaseHandle> {
  await mkdir(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir);
  // A short path under the temporary directory: socket paths are limited to about 100 bytes.
  const socketDir = await mkdtemp(join(tmpdir(), 'kiban-pg-'));
  await chmod(socketDir, 0o700);
  const socketPath = join(socketDir, SOCKET_NAME);
  // The default of one connection breaks a second pool (a re-initialised ORM after publish).
  const server = new PGLiteSocketServer({ db: keepingBatchesTogether(db), path: socketPath, maxConnections: 16 });
  await server.start();
  await chmod(socketPath, 0o600);
  return {
    // The socket directory as the host, percent-encoded: what libpq, pg and MikroORM all read.
    url: `postgresql://postgres@${encodeURIComponent(socketDir)}/postgres`,
    embedded: true,
    close: async () => {
      await server.stop();
      await db.close();
      await rm(socketDir, { recursive: true, force: true });
    },
  };
}
