import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startTestEngine, type TestClient, type TestEngine } from '../../../engine/src/testing/index.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const LIBRARY_CARD = resolve(ROOT, 'examples/library-card/metadata');
const BUILD_LOCK = resolve(ROOT, '.kiban/test/ui-build.lock');

/** Whether the process that took a lock is gone (or the lock is older than any build takes). */
function abandoned(lock: string): boolean {
  try {
    if (Date.now() - statSync(lock).mtimeMs > 120_000) return true;
    process.kill(Number(readFileSync(resolve(lock, 'pid'), 'utf8')), 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Runs `work` (a build of the UIs into their `dist`, a copy of it) while no other test file
 * does: the e2e files run in parallel workers and each build empties `dist` first.
 */
export async function withUiBuildLock<T>(work: () => T | Promise<T>): Promise<T> {
  mkdirSync(resolve(BUILD_LOCK, '..'), { recursive: true });
  for (;;) {
    try {
      mkdirSync(BUILD_LOCK);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (abandoned(BUILD_LOCK)) rmSync(BUILD_LOCK, { recursive: true, force: true });
      else await sleep(100);
    }
  }
  try {
    writeFileSync(resolve(BUILD_LOCK, 'pid'), String(process.pid));
    return await work();
  } finally {
    rmSync(BUILD_LOCK, { recursive: true, force: true });
  }
}

/** Builds the portals (esbuild: about a second) into `runtime-ui/dist`, one test file at a time. */
export async function buildPortals(): Promise<void> {
  await withUiBuildLock(() =>
    execFileSync(process.execPath, [resolve(ROOT, 'runtime-ui/scripts/build.ts')], { cwd: ROOT, stdio: 'pipe' }),
  );
}

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
  await buildPortals();
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
