import type { TestHost, TestHostClient } from '@kiban/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aiConciergePlugin } from '../../ai-concierge/src/index.ts';
import { knowledgePlugin } from '../../knowledge/src/index.ts';
import { ROLE } from '../src/roles.ts';
import { PERSON_OFFER } from '../src/tiers/resident-turn.ts';
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

async function transcript(client: TestHostClient, id: string) {
  const read = await client.request('GET', `/api/plugins/contact-center/conversations/${id}`);
  return read.body as {
    conversation: { tier: string; status: string; queue: string | null; answeredBy: { tier: string } };
    messages: { author: { kind: string }; body: string }[];
    profile?: Record<string, unknown> | null;
  };
}

/** Waits until the knowledge index has caught up with the records written (it follows them through events). */
async function eventually<T>(check: () => Promise<T>, milliseconds = 10_000): Promise<T> {
  const deadline = Date.now() + milliseconds;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

describe.each(databaseKinds())('tier 1 with the knowledge base on %s', { timeout: SLOW_TEST_MS }, (kind) => {
  let host: TestHost;
  let supervisor: TestHostClient;

  beforeAll(async () => {
    ({ host } = await startContactCenter(kind, [knowledgePlugin()]));
    supervisor = await staff(host, [ROLE.supervisor]);
    const data = host.data(SYSTEM, 'knowledge');
    await data.create('KnowledgeFaq', {
      externalId: 'mn-lost',
      question: 'マイナンバーカードを紛失した場合はどうすれば良いですか。',
      answer: 'マイナンバーカードを紛失した場合は、コールセンターに連絡して一時停止してください。',
      classification: 'public',
      status: 'published',
    });
    await data.create('KnowledgeFaq', {
      externalId: 'staff-only',
      question: '粗大ごみ受付システムの職員用の障害対応手順',
      answer: '職員だけが読む手順。',
      classification: 'staff',
      status: 'published',
    });
    await host.settled();
  }, SLOW_TEST_MS);
  afterAll(async () => host?.close());

  it('answers from the FAQ, and the resident sees that the FAQ answered', async () => {
    const hanako = await resident(host);
    const { body: started } = await act(hanako, 'start', {});
    expect(started).toMatchObject({ tier: 'ai', status: 'bot' });
    await eventually(async () => {
      await act(hanako, 'send', {
        conversationId: started.id,
        clientId: clientId(),
        body: 'マイナンバーカード なくした',
      });
      const read = await transcript(hanako, started.id);
      expect(read.messages.find((m) => m.author.kind === 'faq')?.body).toContain('一時停止');
    });
    const read = await transcript(hanako, started.id);
    expect(read.conversation).toMatchObject({ tier: 'ai', status: 'bot', answeredBy: { tier: 'ai' } });
  });

  it('hands an unanswered question to the queue with the whole transcript, and a shared profile with consent', async () => {
    const operator = await operatorFor(host, supervisor, { code: 'general', skill: 'general' });
    await act(operator, 'setPresence', { presence: 'busy' });
    const hanako = await resident(host);
    expect(
      (await hanako.request('PUT', '/api/profile', { body: { displayName: '札幌 花子', phone: '011-211-2111' } }))
        .status,
    ).toBe(200);
    const { body: started } = await act(hanako, 'start', {});
    await act(hanako, 'send', {
      conversationId: started.id,
      clientId: clientId(),
      body: '職員用の障害対応手順を教えて',
    });
    const before = await transcript(hanako, started.id);
    expect(before.messages.map((m) => m.body).join()).not.toContain('職員だけが読む手順');
    // Nothing found: tier 1 says so and offers a person, and waits for the resident to ask.
    expect(before.conversation).toMatchObject({ tier: 'ai', status: 'bot' });
    expect(before.messages.at(-1)).toMatchObject({ author: { kind: 'system' }, body: PERSON_OFFER });
    const asked = await act(hanako, 'requestPerson', { conversationId: started.id, shareProfile: true });
    expect(asked.body).toMatchObject({ tier: 'operator', status: 'queued', queue: 'general' });

    const other = await resident(host);
    const { body: second } = await act(other, 'start', {});
    const person = await act(other, 'requestPerson', { conversationId: second.id, shareProfile: false });
    expect(person.body).toMatchObject({ tier: 'operator', status: 'queued', answeredBy: { tier: 'operator' } });
    expect((await act(operator, 'accept', { conversationId: second.id })).status).toBe(200);
    const seen = await transcript(operator, second.id);
    expect(seen.messages.map((m) => m.author.kind)).toEqual(['system', 'system']);
    expect(seen.profile).toBeNull();

    const third = await resident(host);
    await third.request('PUT', '/api/profile', { body: { displayName: '北 太郎' } });
    const { body: conversation } = await act(third, 'start', {});
    await act(third, 'requestPerson', { conversationId: conversation.id, shareProfile: true });
    expect((await act(operator, 'accept', { conversationId: conversation.id })).status).toBe(200);
    const shared = await transcript(operator, conversation.id);
    expect(shared.profile).toMatchObject({ displayName: '北 太郎' });
  });

  it('answers an anonymous visitor from public knowledge only', async () => {
    const started = await host.request('POST', '/api/public/contact-center/conversations', { body: {} });
    const headers = { 'x-conversation-token': started.body.token };
    const id = started.body.conversation.id;
    await host.request('POST', `/api/public/contact-center/conversations/${id}/messages`, {
      headers,
      body: { clientId: clientId(), body: '粗大ごみ受付システムの職員用の障害対応手順' },
    });
    const read = await host.request('GET', `/api/public/contact-center/conversations/${id}`, { headers });
    expect(JSON.stringify(read.body.messages)).not.toContain('職員だけが読む手順');
  });
});

describe.each(databaseKinds())('tier 1 with the AI concierge on %s', { timeout: SLOW_TEST_MS }, (kind) => {
  let host: TestHost;

  beforeAll(async () => {
    ({ host } = await startContactCenter(kind, [knowledgePlugin(), aiConciergePlugin()]));
    // The concierge answers from the knowledge base, which indexes records as they are written.
    await host.data(SYSTEM, 'knowledge').create('KnowledgeFaq', {
      externalId: 'jido-teate',
      question: '児童手当の申請はどこでしますか。',
      answer:
        '児童手当は、お子さんが生まれた日の翌日から15日以内に、お住まいの区役所の子育て支援課に申請してください。',
      classification: 'public',
      status: 'published',
    });
    // Staff knowledge the concierge may not tell a resident, but whose category routes the question.
    await host.data(SYSTEM, 'knowledge').create('KnowledgeFaq', {
      externalId: 'hoikuen-staff',
      question: '保育園の入園選考の点数はどう計算しますか。',
      answer: '職員向け: 入園選考の指数表に従って計算します。',
      category: 'hoiku',
      classification: 'staff',
      status: 'published',
    });
    await host.settled();
  }, SLOW_TEST_MS);
  afterAll(async () => host?.close());

  it('routes a question the concierge declined by the category of the staff knowledge it matches', async () => {
    const supervisor = await staff(host, [ROLE.supervisor]);
    await operatorFor(host, supervisor, { code: 'hoiku-desk', skill: 'hoiku', category: 'hoiku' });
    const hanako = await resident(host);
    const { body: started } = await act(hanako, 'start', {});
    await act(hanako, 'send', {
      conversationId: started.id,
      clientId: clientId(),
      body: '保育園の入園選考の点数はどう計算しますか',
    });
    const declined = await transcript(hanako, started.id);
    expect(declined.messages.at(-1)?.author.kind).toBe('ai');
    expect(JSON.stringify(declined.messages)).not.toContain('指数表');
    const asked = await act(hanako, 'requestPerson', { conversationId: started.id, shareProfile: false });
    expect(asked.body).toMatchObject({ tier: 'operator', queue: 'hoiku-desk' });
  });

  it('answers as the AI when the concierge can, and goes to a person when it declines', async () => {
    const hanako = await resident(host);
    const { body: started } = await act(hanako, 'start', {});
    await act(hanako, 'send', {
      conversationId: started.id,
      clientId: clientId(),
      body: '児童手当の申請はどこでしますか',
    });
    const answered = await transcript(hanako, started.id);
    const ai = answered.messages.find((m) => m.author.kind === 'ai');
    expect(ai?.body).toContain('子育て支援課');
    expect(answered.conversation.tier).toBe('ai');

    await act(hanako, 'send', {
      conversationId: started.id,
      clientId: clientId(),
      body: '宇宙旅行の補助金はありますか',
    });
    const declined = await transcript(hanako, started.id);
    // The concierge's decline offers a person; the conversation stays with it until the resident asks.
    expect(declined.conversation).toMatchObject({ tier: 'ai', status: 'bot' });
    expect(declined.messages.at(-1)?.author.kind).toBe('ai');
    const asked = await act(hanako, 'requestPerson', { conversationId: started.id, shareProfile: false });
    expect(asked.body).toMatchObject({ tier: 'operator', status: 'queued' });
    expect((await transcript(hanako, started.id)).messages.at(-1)?.author.kind).toBe('system');
  });
});
