import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Actor, DataApi, RecordData } from '@kiban/sdk';
import { createTestHost, type TestHost, type TestHostClient } from '@kiban/sdk/testing';
import { createCrmPlugin } from '../src/index.ts';
import type { CrmSettings } from '../src/settings.ts';

export type DatabaseKind = 'pglite' | 'postgres';
export const SYSTEM: Actor = { kind: 'system' };

/** PGlite always; a PostgreSQL server too when `KIBAN_TEST_DATABASE_URL` names one. */
export function databaseKinds(): DatabaseKind[] {
  return process.env.KIBAN_TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

/** A clock the test moves: the plugin decides back-off by it, and jobs run at it. */
export class TestClock {
  private offsetMs = 0;
  now = (): Date => new Date(Date.now() + this.offsetMs);
  advance(ms: number): Date {
    this.offsetMs += ms;
    return this.now();
  }
}

export async function startCrm(
  kind: DatabaseKind,
  clock = new TestClock(),
): Promise<{ host: TestHost; clock: TestClock }> {
  const host = await createTestHost({ plugins: [createCrmPlugin({ clock: clock.now })], kind });
  return { host, clock };
}

export const SIGNING_SECRET = `whsec_${Buffer.from('a-test-signing-secret-of-32-bytes!').toString('base64')}`;
export const INTAKE_TOKEN = 'intake-token-for-tests-0123456789abcdef';

let principals = 0;
export function signIn(host: TestHost, kind: 'staff' | 'resident', roles: string[]): Promise<TestHostClient> {
  principals += 1;
  return host.signInAs(kind, `${kind}-${principals}`, roles);
}

const settingsByHost = new WeakMap<TestHost, CrmSettings>();

/** Adds to the plugin's settings (the settings API replaces them whole): secrets merge by system code. */
export function setCrmSettings(host: TestHost, values: CrmSettings) {
  const current = settingsByHost.get(host) ?? {};
  const next = { ...current, ...values, secrets: { ...current.secrets, ...values.secrets } };
  settingsByHost.set(host, next);
  return host.setSettings('crm', next as Record<string, unknown>);
}

/** Registers a system through the action, as an integration admin, and sets its secrets. */
export async function registerSystem(
  host: TestHost,
  admin: TestHostClient,
  input: { code: string; endpoint?: string; events?: string[]; attributes?: string[]; identityClient?: string },
): Promise<RecordData> {
  const response = await admin.request('POST', '/api/actions/crm.registerSystem', {
    body: { name: `${input.code} system`, ...input },
  });
  if (response.status !== 200) throw new Error(`register failed: ${JSON.stringify(response.body)}`);
  const set = await setCrmSettings(host, {
    secrets: { [input.code]: { signingSecret: SIGNING_SECRET, intakeToken: INTAKE_TOKEN } },
  });
  if (set.status >= 300) throw new Error(`settings failed: ${JSON.stringify(set.body)}`);
  return response.body.result ?? response.body;
}

export function createProfile(data: DataApi, principal: string, fields: RecordData = {}): Promise<RecordData> {
  return data.create('ResidentProfile', {
    principal,
    fullName: '札幌 花子',
    fullNameKana: 'サッポロ ハナコ',
    birthDate: '1980-04-01',
    postalCode: '0600001',
    address: '札幌市中央区北1条西2丁目',
    ward: '中央区',
    phone: '011-211-2111',
    email: 'hanako@example.jp',
    ...fields,
  });
}

export function createCase(data: DataApi, fields: RecordData = {}): Promise<RecordData> {
  return data.create('Case', {
    subject: 'ごみの収集日について',
    channel: 'phone',
    category: 'waste',
    department: '環境局',
    ...fields,
  });
}

/** Runs due jobs (at the test clock's time) until none is left. */
export async function drain(host: TestHost, clock: TestClock): Promise<void> {
  await host.settled();
  for (let round = 0; round < 20; round += 1) {
    const ran = await host.runJobs(clock.now());
    await host.settled();
    if (ran.done + ran.retried + ran.dead === 0) return;
  }
}

export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A real HTTP receiver on a loopback port that answers `status(request)`, recording every request and what it accepted. */
export class Receiver {
  /** Requests answered 2xx. */
  readonly received: Received[] = [];
  /** Every request, whatever the answer. */
  readonly requests: Received[] = [];
  status: (message: Received) => number = () => 204;
  private server: Server | undefined;
  port = 0;

  async start(port = 0): Promise<this> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const message = { headers: request.headers, body: Buffer.concat(chunks).toString('utf8') };
        this.requests.push(message);
        const status = this.status(message);
        if (status >= 200 && status < 300) this.received.push(message);
        response.writeHead(status).end();
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/hook`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

const STAFF_PASSWORD = 'a-long-staff-password-42';

/** A member of staff of `department` (set at creation, as administrators do), signed in. */
export async function signInStaffOf(host: TestHost, department: string, roles: string[]): Promise<TestHostClient> {
  principals += 1;
  const username = `clerk-${principals}`;
  const created = await host.request('POST', '/api/admin/principals', {
    as: 'admin',
    body: { kind: 'staff', username, password: STAFF_PASSWORD, roles, department },
  });
  if (created.status !== 201) throw new Error(`creating ${username} failed: ${JSON.stringify(created.body)}`);
  const login = await host.request('POST', '/api/auth/login', { body: { username, password: STAFF_PASSWORD } });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const request: TestHostClient['request'] = (method, path, options = {}) =>
    host.request(method, path, { ...options, headers: { ...options.headers, cookie } });
  const me = await request('GET', '/api/auth/me');
  return {
    username,
    cookie,
    request,
    actor: { kind: 'principal', id: me.body.principal.id, principalKind: 'staff', roles },
  };
}
