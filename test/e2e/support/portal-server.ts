import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { startTestEngine, type TestClient, type TestEngine } from '../../../engine/src/testing/index.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const LIBRARY_CARD = resolve(ROOT, 'examples/library-card/metadata');

export interface PortalServer {
  host: TestEngine;
  /** `http://127.0.0.1:PORT` */
  origin: string;
  /** A librarian (`librarian1`, password `librarian1-password-1`), signed in through the API. */
  librarian: TestClient;
  close(): Promise<void>;
}

/**
 * Builds the portals (esbuild: about a second), then starts the engine in-process on a fresh
 * PGlite database with the library-card example plus `extraMetadata` (directories published
 * after it), listening on a port the OS picks and serving the fresh `runtime-ui/dist`.
 */
export async function startPortalServer(extraMetadata: string[] = []): Promise<PortalServer> {
  execFileSync(process.execPath, [resolve(ROOT, 'runtime-ui/scripts/build.ts')], { cwd: ROOT, stdio: 'pipe' });
  const host = await startTestEngine('pglite', [LIBRARY_CARD], { port: 0 });
  try {
    for (const dir of extraMetadata) await host.engine.publishDirectory(dir);
    const server = await host.engine.listen();
    const librarian = await host.principal('staff', 'librarian1', ['librarian']);
    return {
      host,
      origin: `http://127.0.0.1:${server.port}`,
      librarian,
      close: async () => {
        await server.close();
        await host.close();
      },
    };
  } catch (error) {
    await host.close();
    throw error;
  }
}
