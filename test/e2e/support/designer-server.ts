import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startTestEngine, TEST_ADMIN_PASSWORD, type TestEngine } from '../../../engine/src/testing/index.ts';
import { withUiBuildLock } from './portal-server.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const LIBRARY_CARD = resolve(ROOT, 'examples/library-card/metadata');

export interface DesignerServer {
  host: TestEngine;
  /** `http://127.0.0.1:PORT` */
  origin: string;
  /** The administrator (`admin`): every `metadata.*` capability, so the designer opens for them. */
  admin: { username: string; password: string };
  close(): Promise<void>;
}

/** What a build reads: a change in any of these since the build's marker file makes it stale. */
interface UiBuild {
  name: string;
  script: string;
  dist: string;
  marker: string;
  sources: string[];
}

const UI_BUILDS: UiBuild[] = [
  {
    name: 'runtime-ui',
    script: 'runtime-ui/scripts/build.ts',
    dist: 'runtime-ui/dist',
    marker: 'resident.html',
    sources: ['runtime-ui/src', 'runtime-ui/scripts'],
  },
  {
    name: 'designer',
    script: 'designer/scripts/build.ts',
    dist: 'designer/dist',
    marker: 'designer.html',
    // The designer bundles runtime-ui's components and the metadata schemas (monaco's JSON schemas).
    sources: ['designer/src', 'designer/scripts', 'runtime-ui/src', 'metadata/schema'],
  },
];

function newestChange(path: string): number {
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = stats.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestChange(join(path, entry)));
  return newest;
}

function isStale(build: UiBuild): boolean {
  const marker = resolve(ROOT, build.dist, build.marker);
  if (!existsSync(marker)) return true;
  const built = statSync(marker).mtimeMs;
  return build.sources.some((source) => newestChange(resolve(ROOT, source)) > built);
}

/**
 * Builds the portals and the designer when their `dist` is missing or older than their
 * sources (esbuild: a few seconds), then copies both into a temporary directory the engine
 * serves: a rebuild in the shared checkout (the portal test's, or a colleague's) cannot pull
 * files from under the running test. Builds and copies happen under the lock the portal test
 * builds under, so neither ever reads a half-written `dist`.
 */
export async function prepareUiCopies(): Promise<{ uiDir: string; designerDir: string; remove(): void }> {
  const copies = mkdtempSync(join(tmpdir(), 'kiban-e2e-ui-'));
  await withUiBuildLock(() => {
    for (const build of UI_BUILDS) {
      if (isStale(build)) {
        try {
          execFileSync(process.execPath, [resolve(ROOT, build.script)], { cwd: ROOT, stdio: 'pipe' });
        } catch (error) {
          const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? '';
          throw new Error(`building ${build.name} failed: ${stderr || String(error)}`);
        }
      }
      cpSync(resolve(ROOT, build.dist), join(copies, build.name), { recursive: true });
    }
  });
  return {
    uiDir: join(copies, 'runtime-ui'),
    designerDir: join(copies, 'designer'),
    remove: () => rmSync(copies, { recursive: true, force: true }),
  };
}

/**
 * The engine in-process on a fresh PGlite database with the library-card example, serving
 * fresh copies of the built portals and designer on a port the OS picks.
 */
export async function startDesignerServer(): Promise<DesignerServer> {
  const ui = await prepareUiCopies();
  let host: TestEngine;
  try {
    host = await startTestEngine('pglite', [LIBRARY_CARD], {
      port: 0,
      uiDir: ui.uiDir,
      designerDir: ui.designerDir,
    });
  } catch (error) {
    ui.remove();
    throw error;
  }
  try {
    const server = await host.engine.listen();
    return {
      host,
      origin: `http://127.0.0.1:${server.port}`,
      admin: { username: 'admin', password: TEST_ADMIN_PASSWORD },
      close: async () => {
        await server.close();
        await host.close();
        ui.remove();
      },
    };
  } catch (error) {
    await host.close();
    ui.remove();
    throw error;
  }
}
