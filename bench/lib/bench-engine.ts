import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPrincipal } from '../../engine/src/access/index.ts';
import { readConfig } from '../../engine/src/config.ts';
import { createEngine, type Engine } from '../../engine/src/engine.ts';
import type { PluginDefinition } from '../../sdk/src/index.ts';

/** An engine a benchmark started, with its own temporary data directory. */
export interface BenchEngine {
  engine: Engine;
  dataDir: string;
  /** Closes the engine and removes the data directory; the database stays. */
  close(): Promise<void>;
}

const randomPassword = () => randomBytes(18).toString('base64url');

/** An engine on `databaseUrl` (with `plugins`), whose lifetime the benchmark owns: it drops the database after the engine closes. */
export async function startBenchEngine(databaseUrl: string, plugins: PluginDefinition[] = []): Promise<BenchEngine> {
  const dataDir = await mkdtemp(join(tmpdir(), 'kiban-bench-'));
  const removeDataDir = () => rm(dataDir, { recursive: true, force: true });
  // Port 0: a benchmark that listens gets a free port.
  const config = { ...readConfig({ KIBAN_ADMIN_PASSWORD: randomPassword() }), dataDir, host: '127.0.0.1', port: 0 };
  try {
    const engine = await createEngine(config, {
      database: { url: databaseUrl, embedded: false, close: async () => {} },
      plugins,
    });
    const close = async () => {
      await engine.close();
      await removeDataDir();
    };
    return { engine, dataDir, close };
  } catch (error) {
    await removeDataDir();
    throw error;
  }
}

/** A staff member with `roles` (and `attributes`), signed in: their id and `kiban_session=…` cookie. */
export async function signedInStaff(
  engine: Engine,
  username: string,
  roles: string[],
  attributes?: Record<string, string>,
): Promise<{ id: string; cookie: string }> {
  const password = randomPassword();
  const principal = await createPrincipal(engine.live().sql(), {
    kind: 'staff',
    username,
    password,
    roles,
    attributes,
  });
  const response = await engine.app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (response.status !== 200) throw new Error(`sign-in of ${username} failed: ${await response.text()}`);
  return { id: principal.id, cookie: (response.headers.get('set-cookie') ?? '').split(';')[0] };
}
