import { createContactCenterPlugin } from '@kiban/plugin-contact-center';
import { knowledgePlugin } from '@kiban/plugin-knowledge';
import { createTestHost } from '@kiban/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aiConciergePlugin } from '../src/index.ts';
import {
  askAs,
  databaseKinds,
  faqRecords,
  SEEDING_TIMEOUT,
  seedKnowledge,
  signInResident,
  signInStaff,
  startHost,
  type TestHost,
  type TestHostClient,
} from './support.ts';

const principalId = (client: TestHostClient) => (client.actor.kind === 'principal' ? client.actor.id : 'system');
const handoff = (client: TestHostClient, body: Record<string, unknown>) =>
  client.request('POST', '/api/actions/ai-concierge.handoff', { body });

describe.each(databaseKinds())('handing a conversation to the contact centre, on %s', (kind) => {
  let host: TestHost;

  beforeAll(async () => {
    host = await createTestHost({
      plugins: [knowledgePlugin(), createContactCenterPlugin(), aiConciergePlugin()],
      kind,
    });
    await seedKnowledge(host, faqRecords().slice(0, 20));
  }, SEEDING_TIMEOUT);
  afterAll(() => host?.close());

  const contactMessages = async (conversationId: string) => {
    const { rows } = await host
      .context('contact-center')
      .sql.query<{ author_kind: string; body: string }>(
        'select author_kind, body from message where conversation_id = $1 order by seq',
        [conversationId],
      );
    return rows;
  };
  const handoffAudits = async (resident: TestHostClient) => {
    const audit = await host.request('GET', `/api/audit?principalId=${principalId(resident)}&limit=100`, {
      as: 'admin',
    });
    expect(audit.status).toBe(200);
    return audit.body.items.filter((item: { action: string }) => item.action === 'ai-concierge.handoff');
  };

  it('offers a person when it declines or is asked for one, and hands over the masked transcript with consent', async () => {
    const resident = await signInResident(host);
    const declined = await askAs(resident, '明日の天気を教えて。090-1234-5678');
    expect(declined.body).toMatchObject({ status: 'declined', handoff: { available: true } });
    expect(declined.body.answer).toContain('担当者におつなぎしましょうか');
    const conversationId = declined.body.conversationId;
    const person = await askAs(resident, '人と話したい', { conversationId });
    expect(person.body).toMatchObject({ status: 'declined', citations: [], handoff: { available: true } });
    expect(person.body.answer).toContain('これまでの会話の内容を担当者にお伝えしてもよろしいですか');

    const done = await handoff(resident, { conversationId, shareTranscript: true });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body).toMatchObject({ transcriptShared: true, already: false });
    const { rows } = await host
      .context('contact-center')
      .sql.query<{ status: string; tier: string; resident: string }>(
        'select status, tier, resident from conversation where id = $1',
        [done.body.contactConversationId],
      );
    expect(rows[0]).toMatchObject({ status: 'queued', tier: 'operator', resident: principalId(resident) });
    const shared = (await contactMessages(done.body.contactConversationId)).filter((m) => m.author_kind === 'resident');
    expect(shared).toHaveLength(1);
    expect(shared[0]?.body).toContain('住民: 明日の天気を教えて');
    expect(shared[0]?.body).toContain('住民: 人と話したい');
    expect(shared[0]?.body).toContain('コンシェルジュ: 市の案内の中にお答えできる情報が見つかりませんでした');
    expect(shared[0]?.body).not.toContain('090-1234-5678');

    const again = await handoff(resident, { conversationId, shareTranscript: true });
    expect(again.body).toEqual({ ...done.body, already: true });
    const audits = await handoffAudits(resident);
    expect(audits).toHaveLength(1);
    expect(audits[0].detail).toEqual({
      plugin: 'ai-concierge',
      conversation: conversationId,
      contactConversation: done.body.contactConversationId,
      transcriptShared: true,
      turnsShared: 2,
    });
  });

  it('hands over without the transcript when the resident does not consent', async () => {
    const resident = await signInResident(host);
    const asked = await askAs(resident, '職員につないでください');
    const done = await handoff(resident, { conversationId: asked.body.conversationId, shareTranscript: false });
    expect(done.body).toMatchObject({ transcriptShared: false, already: false });
    const messages = await contactMessages(done.body.contactConversationId);
    expect(messages.filter((message) => message.author_kind === 'resident')).toEqual([]);
    expect(messages.map((message) => message.body).join('\n')).not.toContain('職員につないでください');
    expect((await handoffAudits(resident))[0].detail).toMatchObject({ transcriptShared: false, turnsShared: 0 });
  });

  it('refuses staff, another resident’s conversation and bad input, changing nothing', async () => {
    const resident = await signInResident(host);
    const other = await signInResident(host);
    const staff = await signInStaff(host);
    const { body } = await askAs(resident, '人と話したい');
    const before = await host
      .context('contact-center')
      .sql.query<{ n: string }>('select count(*) as n from conversation');
    const forStaff = await handoff(staff, { conversationId: body.conversationId, shareTranscript: true });
    expect(forStaff.status).toBe(403);
    expect(forStaff.body.code).toBe('ai-concierge.handoffResidentsOnly');
    const forOther = await handoff(other, { conversationId: body.conversationId, shareTranscript: true });
    expect(forOther.status).toBe(404);
    for (const bad of [
      { conversationId: body.conversationId },
      { conversationId: 'not-a-uuid', shareTranscript: true },
      { conversationId: body.conversationId, shareTranscript: 'yes' },
      { conversationId: body.conversationId, shareTranscript: true, extra: 1 },
    ]) {
      expect((await handoff(resident, bad)).status).toBe(422);
    }
    const after = await host
      .context('contact-center')
      .sql.query<{ n: string }>('select count(*) as n from conversation');
    expect(after.rows[0]?.n).toBe(before.rows[0]?.n);
    expect(await handoffAudits(resident)).toEqual([]);
  });
});

describe.each(databaseKinds())('the concierge without a contact centre, on %s', (kind) => {
  let host: TestHost;

  beforeAll(async () => {
    host = await startHost(kind, { knowledge: false });
  });
  afterAll(() => host?.close());

  it('says a person cannot be connected from the chat, and refuses the handoff with that message', async () => {
    const resident = await signInResident(host);
    const asked = await askAs(resident, '人と話したい');
    expect(asked.body).toMatchObject({ status: 'declined', handoff: { available: false } });
    expect(asked.body.answer).toContain('このチャットからは担当者におつなぎできません');
    const english = await askAs(resident, 'I want to talk to a person', { language: 'en' });
    expect(english.body.answer).toContain('A person cannot be connected from this chat');
    const refused = await handoff(resident, { conversationId: asked.body.conversationId, shareTranscript: true });
    expect(refused.status).toBe(503);
    expect(refused.body.code).toBe('ai-concierge.contactCenterUnavailable');
    expect(JSON.stringify(refused.body)).toContain('このチャットからは担当者におつなぎできません');
  });
});
