import { resolve } from 'node:path';
import { expect } from 'vitest';
import {
  startTestEngine,
  TEST_ADMIN_PASSWORD,
  type TestDatabaseKind,
  type TestEngine,
  type TestResponse,
} from '../../engine/src/testing/index.ts';
import type { Caller, FixtureIds, FuzzRequest } from './bad-records.ts';

const EXAMPLES = resolve(import.meta.dirname, '../../examples');

/**
 * Bookkeeping that legitimately moves while bad requests are refused: denied attempts and
 * failed sign-ins are audited, the relay marks earlier events published, the job runner moves
 * scheduled jobs on, timers fire and "records changed" notices land up to a second after the
 * fixture writes. The outbox, jobs and timers are still compared by their
 * row counts — a refused request must not append an event, enqueue a job or start a timer.
 */
const BOOKKEEPING = new Set([
  'kiban_audit',
  'kiban_outbox',
  'kiban_event_receipt',
  'kiban_job',
  'kiban_workflow_timer',
  'kiban_realtime_message',
]);
const COUNTED_ONLY = ['kiban_outbox', 'kiban_job', 'kiban_workflow_timer'];

const CATEGORY = 'tax';

export interface FuzzHost {
  host: TestEngine;
  /** Records the fuzzed requests aim at, created before the first digest. */
  ids: FixtureIds;
  /** A valid archive of the live app, for damaging. */
  exported: Buffer;
  send(request: FuzzRequest): Promise<TestResponse>;
}

/** The library-card and inquiry examples, one principal of each kind, and a record of each entity. */
export async function startFuzzHost(kind: TestDatabaseKind): Promise<FuzzHost> {
  const host = await startTestEngine(kind, [`${EXAMPLES}/library-card/metadata`, `${EXAMPLES}/inquiry/metadata`]);
  const librarian = await host.principal('staff', 'librarian1', ['librarian', 'inquiry-desk']);
  const resident = await host.principal('resident', 'hanako', ['resident', 'inquiry-resident']);
  const cookies: Record<Caller, string | undefined> = {
    admin: await sessionCookie(host, 'admin', TEST_ADMIN_PASSWORD),
    librarian: await sessionCookie(host, 'librarian1', 'librarian1-password-1'),
    resident: await sessionCookie(host, 'hanako', 'hanako-password-1'),
    anonymous: undefined,
  };
  const branch = await created(
    librarian.request('POST', '/api/data/Branch', { body: { name: '北図書館', code: 'KIT' } }),
  );
  const applicant = await created(
    resident.request('POST', '/api/data/Applicant', {
      body: { name: '山田 花子', nameKana: 'ヤマダ ハナコ', birthDate: '1990-05-01' },
    }),
  );
  const application = await created(resident.request('POST', '/api/data/Application', { body: { applicant, branch } }));
  const inquiry = await created(
    resident.request('POST', '/api/data/Inquiry', {
      body: { subject: '粗大ごみの出し方', body: 'ソファーはどう出せばよいですか。', category: CATEGORY },
    }),
  );
  const exported = await host.engine.app.request('/api/admin/packages/export', {
    method: 'POST',
    headers: { cookie: cookies.admin ?? '', 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'fuzz-app', version: '1.0.0' }),
  });
  if (exported.status !== 200) throw new Error(`export failed: ${exported.status}`);
  await host.engine.plugins.settled();
  return {
    host,
    ids: { branch, applicant, application, inquiry },
    exported: Buffer.from(await exported.arrayBuffer()),
    send: (request) => send(host, cookies[request.caller], request),
  };
}

async function sessionCookie(host: TestEngine, username: string, password: string): Promise<string> {
  const response = await host.engine.app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (response.status !== 200) throw new Error(`sign-in of ${username} failed: ${response.status}`);
  return (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

async function send(host: TestEngine, cookie: string | undefined, request: FuzzRequest): Promise<TestResponse> {
  const headers: Record<string, string> = { ...(cookie ? { cookie } : {}), ...request.headers };
  let body: string | Uint8Array<ArrayBuffer> | undefined = request.bytes ?? request.rawBody;
  if (request.body !== undefined) {
    body = JSON.stringify(request.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await host.engine.app.request(request.path, { method: request.method, headers, body });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text === '' ? null : JSON.parse(text);
  } catch {}
  return { status: response.status, headers: response.headers, body: parsed };
}

async function created(response: Promise<TestResponse>): Promise<string> {
  const { status, body } = await response;
  if (status !== 201) throw new Error(`fixture record refused: ${status} ${JSON.stringify(body)}`);
  return body.id as string;
}

/** Row count and content digest of every table outside the bookkeeping, plus the live generation. */
export async function dataDigest(host: TestEngine): Promise<Record<string, unknown>> {
  const sql = host.engine.live().sql();
  const tables = await sql.query<{ name: string }>(
    `select table_name as name from information_schema.tables
      where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`,
  );
  const digest: Record<string, unknown> = { generation: host.engine.live().generation };
  for (const { name } of tables) {
    if (BOOKKEEPING.has(name) && !COUNTED_ONLY.includes(name)) continue;
    const content = COUNTED_ONLY.includes(name) ? `''` : `coalesce(md5(string_agg(t::text, '|' order by t::text)), '')`;
    const [row] = await sql.query(`select count(*)::int as rows, ${content} as digest from "${name}" t`);
    digest[name] = row;
  }
  return digest;
}

/**
 * What every answer to a bad request must be: a 4xx problem+json with a stable code — never a
 * 5xx, never a success.
 */
export function expectRefusal(response: TestResponse, request: unknown): void {
  const context = `${response.status} ${JSON.stringify(response.body)} for ${describe(request)}`;
  expect(response.status, context).toBeGreaterThanOrEqual(400);
  expect(response.status, context).toBeLessThan(500);
  expect(response.headers.get('content-type'), context).toMatch(/^application\/problem\+json/);
  expect(typeof response.body?.code, context).toBe('string');
}

function describe(request: unknown): string {
  const text = JSON.stringify(request, (_key, value) =>
    typeof value === 'string' && value.length > 200 ? `${value.slice(0, 200)}…` : value,
  );
  return text === undefined ? String(request) : text.slice(0, 2000);
}
