import type { TestHost, TestHostClient } from '@kiban/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aiConciergePlugin } from '../../ai-concierge/src/index.ts';
import { createCrmPlugin } from '../../crm/src/index.ts';
import { knowledgePlugin } from '../../knowledge/src/index.ts';
import { ROLE } from '../src/roles.ts';
import {
  act,
  clientId,
  databaseKinds,
  operatorFor,
  resident,
  SLOW_TEST_MS,
  staff,
  startContactCenter,
} from './support.ts';

const SYSTEM = { kind: 'system' } as const;

/**
 * The console's productivity: canned replies kept by supervisors per queue and language with
 * placeholders, wrap-up codes required on close, answer suggestions from the AI concierge and
 * the knowledge base (asked as the operator), and the resident's id for the CRM's 360.
 */
describe.each(databaseKinds())('the operator console on %s', { timeout: SLOW_TEST_MS }, (kind) => {
  let host: TestHost;
  let supervisor: TestHostClient;
  let operator: TestHostClient;

  beforeAll(async () => {
    ({ host } = await startContactCenter(kind, [knowledgePlugin(), aiConciergePlugin()]));
    await host.data(SYSTEM, 'knowledge').create('KnowledgeFaq', {
      externalId: 'jido-teate',
      question: '児童手当の申請はどこでしますか。',
      answer: '児童手当は、お住まいの区役所の子育て支援課に申請してください。',
      classification: 'public',
      status: 'published',
    });
    await host.settled();
    supervisor = await staff(host, [ROLE.supervisor]);
    operator = await operatorFor(host, supervisor, { code: 'kosodate', skill: 'kosodate', category: 'kosodate' });
    await operatorFor(host, supervisor, { code: 'general', skill: 'general-other' });
    await act(operator, 'setPresence', { presence: 'available' });
  }, SLOW_TEST_MS);
  afterAll(async () => host?.close());

  /** A signed-in resident's conversation, sent to the operator's queue and assigned to them. */
  async function assignedConversation(options: { name?: string; message?: string } = {}) {
    const client = await resident(host);
    if (options.name) await client.request('PUT', '/api/profile', { body: { displayName: options.name } });
    const { body: started } = await act(client, 'start', { category: 'kosodate' });
    await act(client, 'requestPerson', { conversationId: started.id, shareProfile: options.name !== undefined });
    if (options.message)
      await act(client, 'send', { conversationId: started.id, clientId: clientId(), body: options.message });
    const read = await operator.request('GET', `/api/plugins/contact-center/conversations/${started.id}`);
    expect(read.body.conversation).toMatchObject({ status: 'assigned', queue: 'kosodate' });
    return { client, id: started.id as string, read: read.body };
  }

  it('offers the canned replies of the queue and language with the placeholders filled', async () => {
    const saved = await act(supervisor, 'saveCannedReply', {
      code: 'greeting',
      language: 'ja',
      title: 'あいさつ',
      body: '{{resident.name}}、担当の{{operator.name}}です。{{ today }}のお問い合わせを承ります。',
    });
    expect(saved.status).toBe(200);
    await act(supervisor, 'saveCannedReply', {
      code: 'kosodate-window',
      language: 'ja',
      queue: 'kosodate',
      title: '窓口案内',
      body: '{{queue}}の窓口は区役所2階です。',
    });
    await act(supervisor, 'saveCannedReply', { code: 'greeting', language: 'en', title: 'Hello', body: 'Hello' });
    await act(supervisor, 'saveCannedReply', {
      code: 'general-only',
      language: 'ja',
      queue: 'general',
      title: '総合',
      body: '総合案内です。',
    });

    const named = await assignedConversation({ name: '北 花子' });
    const replies = await operator.request(
      'GET',
      `/api/plugins/contact-center/conversations/${named.id}/canned-replies`,
    );
    expect(replies.status).toBe(200);
    const texts = Object.fromEntries(
      replies.body.replies.map((reply: { code: string; text: string }) => [reply.code, reply.text]),
    );
    expect(Object.keys(texts).sort()).toEqual(['greeting', 'kosodate-window']);
    expect(texts.greeting).toMatch(
      /^北 花子、担当の担当 \d+です。\d{4}年\d{1,2}月\d{1,2}日のお問い合わせを承ります。$/u,
    );
    expect(texts['kosodate-window']).toBe('kosodateの窓口は区役所2階です。');

    const unnamed = await assignedConversation();
    const anonymous = await operator.request(
      'GET',
      `/api/plugins/contact-center/conversations/${unnamed.id}/canned-replies`,
    );
    const greeting = anonymous.body.replies.find((reply: { code: string }) => reply.code === 'greeting');
    expect(greeting.text).toMatch(/^お客様、/u);
  });

  it('refuses an unknown placeholder, an unknown queue and anyone but a supervisor, storing nothing', async () => {
    const typo = await act(supervisor, 'saveCannedReply', {
      code: 'typo',
      language: 'ja',
      title: '誤字',
      body: '{{resident.nmae}} 様',
    });
    expect(typo.status).toBe(422);
    expect(typo.body).toMatchObject({
      code: 'contact-center.unknownPlaceholder',
      errors: [{ pointer: '/body' }],
    });
    const queue = await act(supervisor, 'saveCannedReply', {
      code: 'typo',
      language: 'ja',
      queue: 'nowhere',
      title: '誤字',
      body: 'こんにちは',
    });
    expect(queue.status).toBe(422);
    expect(
      (await act(operator, 'saveCannedReply', { code: 'typo', language: 'ja', title: 't', body: 'b' })).status,
    ).toBe(403);
    const all = await supervisor.request('GET', '/api/plugins/contact-center/canned-replies');
    expect(all.body.replies.map((reply: { code: string }) => reply.code)).not.toContain('typo');
  });

  it('requires an active wrap-up code to close, and takes one afterwards when the resident left first', async () => {
    const { id } = await assignedConversation();
    const without = await act(operator, 'close', { conversationId: id });
    expect(without.status).toBe(422);
    expect(without.body).toMatchObject({
      code: 'contact-center.wrapUpRequired',
      errors: [{ pointer: '/wrapUp/code' }],
    });
    await act(supervisor, 'saveWrapUpCode', { code: 'retired', label: { ja: '廃止' }, active: false });
    const retired = await act(operator, 'close', { conversationId: id, wrapUp: { code: 'retired' } });
    expect(retired.status).toBe(422);
    const still = await operator.request('GET', `/api/plugins/contact-center/conversations/${id}`);
    expect(still.body.conversation.status).toBe('assigned');

    const codes = await operator.request('GET', '/api/plugins/contact-center/wrap-up-codes');
    expect(codes.body.codes.map((c: { code: string }) => c.code)).toEqual([
      'resolved',
      'information',
      'case-opened',
      'referred',
      'no-reply',
    ]);
    const closed = await act(operator, 'close', {
      conversationId: id,
      wrapUp: { code: 'information', note: '窓口を案内' },
    });
    expect(closed.body).toMatchObject({ status: 'closed' });
    const read = await operator.request('GET', `/api/plugins/contact-center/conversations/${id}`);
    expect(read.body.wrapUp).toEqual({ code: 'information', note: '窓口を案内' });

    const left = await assignedConversation();
    await act(left.client, 'close', { conversationId: left.id });
    const console = await operator.request('GET', '/api/plugins/contact-center/console');
    expect(console.body.toWrapUp.map((c: { id: string }) => c.id)).toEqual([left.id]);
    const wrapped = await act(operator, 'close', { conversationId: left.id, wrapUp: { code: 'no-reply' } });
    expect(wrapped.status).toBe(200);
    const after = await operator.request('GET', '/api/plugins/contact-center/console');
    expect(after.body.toWrapUp).toEqual([]);
  });

  it("suggests the concierge's draft and the knowledge hits for the resident's last messages", async () => {
    const { id } = await assignedConversation({ message: '児童手当の申請はどこでしますか' });
    const answer = await operator.request('GET', `/api/plugins/contact-center/conversations/${id}/suggestions`);
    expect(answer.status).toBe(200);
    expect(answer.body.inquiry).toContain('児童手当');
    const sources = answer.body.suggestions.map((s: { source: string }) => s.source);
    expect(sources[0]).toBe('ai');
    expect(sources).toContain('knowledge');
    expect(answer.body.suggestions[0].text).toContain('子育て支援課');
    const other = await resident(host);
    const denied = await other.request('GET', `/api/plugins/contact-center/conversations/${id}/suggestions`);
    expect(denied.status).toBe(403);
  });
});

describe.each(databaseKinds())('the resident 360 beside the console on %s', { timeout: SLOW_TEST_MS }, (kind) => {
  let host: TestHost;

  beforeAll(async () => {
    ({ host } = await startContactCenter(kind, [createCrmPlugin()]));
  }, SLOW_TEST_MS);
  afterAll(async () => host?.close());

  it("gives the console the resident's id, and the CRM opens their 360 to a case officer only, audited", async () => {
    const supervisor = await staff(host, [ROLE.supervisor]);
    const officer = await operatorFor(
      host,
      supervisor,
      { code: 'general', skill: 'general' },
      {
        roles: [ROLE.operator, 'crm-staff'],
      },
    );
    await act(officer, 'setPresence', { presence: 'available' });
    const hanako = await resident(host);
    const residentId = hanako.actor.kind === 'principal' ? hanako.actor.id : '';
    await host.data(SYSTEM, 'crm').create('ResidentProfile', { principal: residentId, fullName: '北 花子' });
    const { body: started } = await act(hanako, 'start', {});
    const read = await officer.request('GET', `/api/plugins/contact-center/conversations/${started.id}`);
    expect(read.body.resident).toBe(residentId);
    const console = await officer.request('GET', '/api/plugins/contact-center/console');
    expect(console.body.crm).toBe(true);

    const opened = await officer.request('GET', `/api/plugins/crm/residents/${residentId}?reason=counter`);
    expect(opened.status).toBe(200);
    expect(opened.body.profile).toMatchObject({ fullName: '北 花子' });
    const trail = await host.request('GET', '/api/audit?entity=ResidentProfile&limit=1000', { as: 'admin' });
    const opens = (trail.body.items as { action: string; actor: string; detail: { reason?: string } }[]).filter(
      (item) => item.action === 'crm.resident360.opened',
    );
    expect(opens.map((item) => item.detail.reason)).toEqual(['counter']);

    const plainOperator = await operatorFor(host, supervisor, { code: 'general', skill: 'general' });
    const refused = await plainOperator.request('GET', `/api/plugins/crm/residents/${residentId}?reason=counter`);
    expect(refused.status).toBe(403);
  });
});
