import type { TestHost, TestHostClient } from '@kiban/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCrmPlugin } from '../../crm/src/index.ts';
import { ROLE } from '../src/roles.ts';
import { act, clientId, databaseKinds, idOf, resident, SLOW_TEST_MS, staff, startContactCenter } from './support.ts';

const PASSWORD = 'a-long-staff-password-42';

/** An operator who is also a CRM case officer of `department` (set at creation, as administrators do). */
async function operatorOfDepartment(host: TestHost, department: string): Promise<TestHostClient> {
  const username = `cc-crm-${Date.now()}`;
  const roles = [ROLE.operator, 'crm-staff'];
  const created = await host.request('POST', '/api/admin/principals', {
    as: 'admin',
    body: { kind: 'staff', username, password: PASSWORD, roles, department },
  });
  if (created.status !== 201) throw new Error(`creating ${username} failed: ${JSON.stringify(created.body)}`);
  const login = await host.request('POST', '/api/auth/login', { body: { username, password: PASSWORD } });
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

describe.each(databaseKinds())('a CRM case from a conversation on %s', { timeout: SLOW_TEST_MS }, (kind) => {
  let host: TestHost;

  beforeAll(async () => {
    ({ host } = await startContactCenter(kind, [createCrmPlugin()]));
  }, SLOW_TEST_MS);
  afterAll(async () => host?.close());

  it('opens the case as the operator with the whole transcript, the resident as its owner, once', async () => {
    const supervisor = await staff(host, [ROLE.supervisor]);
    const operator = await operatorOfDepartment(host, '子ども未来局');
    await act(supervisor, 'configureOperator', {
      principal: idOf(operator.actor),
      displayName: '田中',
      capacity: 2,
      skills: ['general'],
    });
    await act(operator, 'setPresence', { presence: 'available' });
    const hanako = await resident(host);
    const { body: started } = await act(hanako, 'start', {});
    expect(started).toMatchObject({ status: 'assigned' });
    await act(hanako, 'send', {
      conversationId: started.id,
      clientId: clientId(),
      body: '保育園の入園申込みの締切はいつですか',
    });
    await act(operator, 'send', { conversationId: started.id, clientId: clientId(), body: '確認して折り返します' });
    const opened = await act(operator, 'createCase', {
      conversationId: started.id,
      subject: '保育園の入園申込み',
      category: 'childcare',
      department: '子ども未来局',
    });
    expect(opened.status).toBe(200);
    const stored = await host.data({ kind: 'system' }, 'crm').get('Case', opened.body.caseId);
    expect(stored).toMatchObject({ channel: 'chat', owner: idOf(hanako.actor), assignee: idOf(operator.actor) });
    expect(String(stored.body)).toContain('保育園の入園申込みの締切はいつですか');
    expect(String(stored.body)).toContain('田中');
    const again = await act(operator, 'createCase', {
      conversationId: started.id,
      subject: '二度目',
      category: 'childcare',
      department: '子ども未来局',
    });
    expect(again.body.code).toBe('contact-center.caseExists');
  });
});
