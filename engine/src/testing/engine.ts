import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EngineConfig, readConfig } from '../config.ts';
import { createEngine, type Engine, type EngineOptions } from '../engine.ts';
import { openTestDatabase, type TestDatabaseKind } from './databases.ts';

export const TEST_ADMIN_PASSWORD = 'test-admin-password';

export interface TestEngine {
  engine: Engine;
  /** An HTTP client bound to one principal's session cookie. */
  client(cookie?: string): TestClient;
  /** Signs in and returns a client carrying the session. */
  signIn(username: string, password: string): Promise<TestClient>;
  /** Creates a principal as the administrator and returns a signed-in client for it. */
  principal(
    kind: 'staff' | 'resident' | 'system',
    username: string,
    roles: string[],
    extra?: { department?: string; attributes?: Record<string, string> },
  ): Promise<TestClient>;
  close(): Promise<void>;
}

// biome-ignore lint/suspicious/noExplicitAny: tests assert on response bodies rather than type them
export interface TestResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export interface TestClient {
  /** The session cookie the client sends, for requests the client does not make (binary bodies, streams). */
  readonly cookie?: string;
  // biome-ignore lint/suspicious/noExplicitAny: as above
  request<T = any>(
    method: string,
    path: string,
    options?: { body?: unknown; rawBody?: string; headers?: Record<string, string> },
  ): Promise<TestResponse<T>>;
}

/**
 * A complete engine on a fresh database of the given kind, driven in-process through its Hono app.
 * `overrides` replaces parts of the configuration, e.g. a small `bodyLimitBytes`; `options`
 * passes plugin definitions and a log sink. A failed start leaves nothing behind.
 */
export async function startTestEngine(
  kind: TestDatabaseKind,
  seedMetadataDirs: string[] = [],
  overrides: Partial<Omit<EngineConfig, 'dataDir' | 'seedMetadataDirs'>> = {},
  options: Omit<EngineOptions, 'database'> = {},
): Promise<TestEngine> {
  const database = await openTestDatabase(kind);
  const dataDir = await mkdtemp(join(tmpdir(), 'kiban-engine-'));
  const config = {
    ...readConfig({ KIBAN_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD }),
    ...overrides,
    dataDir,
    seedMetadataDirs,
  };
  let engine: Engine;
  try {
    engine = await createEngine(config, { ...options, database });
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }

  const client = (cookie?: string): TestClient => ({
    cookie,
    async request(method, path, options = {}) {
      const headers: Record<string, string> = { ...(cookie ? { cookie } : {}), ...options.headers };
      let body: string | undefined = options.rawBody;
      if (options.body !== undefined) {
        body = JSON.stringify(options.body);
        headers['content-type'] ??= 'application/json';
      }
      const response = await engine.app.request(path, { method, headers, body });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = text === '' ? null : JSON.parse(text);
      } catch {}
      return { status: response.status, headers: response.headers, body: parsed as never };
    },
  });

  const signIn = async (username: string, password: string) => {
    const response = await engine.app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (response.status !== 200) throw new Error(`sign-in of ${username} failed: ${await response.text()}`);
    const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0];
    return client(cookie);
  };

  let admin: TestClient | undefined;
  const principal = async (
    principalKind: 'staff' | 'resident' | 'system',
    username: string,
    roles: string[],
    extra: { department?: string; attributes?: Record<string, string> } = {},
  ) => {
    admin ??= await signIn('admin', TEST_ADMIN_PASSWORD);
    const password = `${username}-password-1`;
    const created = await admin.request('POST', '/api/admin/principals', {
      body: { kind: principalKind, username, password, roles, ...extra },
    });
    if (created.status !== 201) throw new Error(`creating ${username} failed: ${JSON.stringify(created.body)}`);
    return signIn(username, password);
  };

  return {
    engine,
    client,
    signIn,
    principal,
    close: async () => {
      await engine.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
