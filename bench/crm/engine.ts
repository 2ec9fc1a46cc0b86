import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readConfig } from '../../engine/src/config.ts';
import { createEngine, type Engine } from '../../engine/src/engine.ts';
import { createContactCenterPlugin } from '../../plugins/contact-center/src/index.ts';
import { createCrmPlugin } from '../../plugins/crm/src/index.ts';
import notifications from '../../plugins/notifications/src/index.ts';
import reservations from '../../plugins/reservations/src/index.ts';

export interface CrmBenchEngine {
  engine: Engine;
  /** `kiban_session=…` of the administrator. */
  adminCookie: string;
  request(
    method: string,
    path: string,
    cookie: string,
    body?: string,
    headers?: Record<string, string>,
  ): Promise<Response>;
  close(): Promise<void>;
}

/**
 * The engine with the CRM plugin and the plugins that add entries to the resident 360's timeline
 * (reservations, notifications, the contact centre) on `databaseUrl`; jobs run only when the
 * benchmark runs them.
 */
export async function startCrmEngine(databaseUrl: string): Promise<CrmBenchEngine> {
  const dataDir = await mkdtemp(join(tmpdir(), 'kiban-bench-crm-'));
  const password = randomBytes(18).toString('base64url');
  const config = { ...readConfig({ KIBAN_ADMIN_PASSWORD: password }), dataDir, jobPollMilliseconds: 0 };
  const engine = await createEngine(config, {
    database: { url: databaseUrl, embedded: false, close: async () => {} },
    plugins: [createCrmPlugin(), reservations, notifications, createContactCenterPlugin()],
  });
  const request = async (
    method: string,
    path: string,
    cookie: string,
    body?: string,
    headers: Record<string, string> = {},
  ) => engine.app.request(path, { method, headers: { 'content-type': 'application/json', cookie, ...headers }, body });
  const login = await request('POST', '/api/auth/login', '', JSON.stringify({ username: 'admin', password }));
  if (login.status !== 200) throw new Error(`admin sign-in failed: ${await login.text()}`);
  const adminCookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return {
    engine,
    adminCookie,
    request,
    async close() {
      await engine.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A member of staff (or a resident) created through the admin API and signed in: their id and cookie. */
export async function staffMember(
  bench: CrmBenchEngine,
  username: string,
  roles: string[],
  department?: string,
  kind: 'staff' | 'resident' = 'staff',
): Promise<{ id: string; cookie: string }> {
  const password = randomBytes(18).toString('base64url');
  const created = await bench.request(
    'POST',
    '/api/admin/principals',
    bench.adminCookie,
    JSON.stringify({ kind, username, password, roles, ...(department ? { department } : {}) }),
  );
  if (created.status !== 201) throw new Error(`creating ${username} failed: ${await created.text()}`);
  const id = ((await created.json()) as { id: string }).id;
  const login = await bench.request('POST', '/api/auth/login', '', JSON.stringify({ username, password }));
  return { id, cookie: (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '' };
}
