import type { TestHost, TestHostClient } from '@kiban/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE } from '../src/roles.ts';
import {
  act,
  clientId,
  databaseKinds,
  idOf,
  resident,
  SLOW_TEST_MS,
  staff,
  startContactCenter,
  type TestClock,
} from './support.ts';

/**
 * Routing by language: a conversation goes to the queue of its category that answers in its
 * language, and to an operator who speaks it when one is free; otherwise to the others, who
 * read it through the translator. Overflow keeps working across queues with language sets.
 */
describe.each(databaseKinds())('routing by language on %s', { timeout: SLOW_TEST_MS }, (kind) => {
  let host: TestHost;
  let clock: TestClock;
  let supervisor: TestHostClient;

  beforeAll(async () => {
    ({ host, clock } = await startContactCenter(kind));
    supervisor = await staff(host, [ROLE.supervisor]);
  }, SLOW_TEST_MS);
  afterAll(async () => host?.close());

  const sql = <R>(text: string, params: unknown[] = []) => host.context().sql.query<R>(text, params);

  async function queue(code: string, settings: Record<string, unknown>) {
    const saved = await act(supervisor, 'configureQueue', {
      code,
      label: { ja: code },
      tier: 'operator',
      skill: code,
      ...settings,
    });
    expect(saved.status).toBe(200);
  }

  /** An available operator with the skill, idle since `idleMinutes` ago (longest idle is offered first). */
  async function operator(skill: string, languages: string[], idleMinutes: number, capacity = 2) {
    const client = await staff(host, [ROLE.operator]);
    const configured = await act(supervisor, 'configureOperator', {
      principal: idOf(client.actor),
      displayName: `担当 ${languages.join('/')}`,
      capacity,
      skills: [skill],
      languages,
    });
    expect(configured.body).toMatchObject({ languages });
    await act(client, 'setPresence', { presence: 'available' });
    await sql(`update operator set idle_since = now() - make_interval(mins => $2) where principal = $1`, [
      idOf(client.actor),
      idleMinutes,
    ]);
    return client;
  }

  async function start(category: string | undefined, language: string) {
    const client = await resident(host);
    const started = await act(client, 'start', { language, ...(category ? { category } : {}) });
    expect(started.status).toBe(200);
    return { client, conversation: started.body as { id: string; queue: string; status: string } };
  }

  const assignee = async (conversationId: string) =>
    (await sql<{ assigned_to: string | null }>('select assigned_to from conversation where id = $1', [conversationId]))
      .rows[0]?.assigned_to;

  it('routes to the queue of the category answering in the conversation language, then any-language, then a language desk', async () => {
    await queue('moving', { category: 'moving' });
    await queue('moving-en', { category: 'moving', languages: ['en'] });
    await queue('multilingual', { languages: ['vi', 'zh-Hans'] });

    expect((await start('moving', 'en')).conversation.queue).toBe('moving-en');
    expect((await start('moving', 'ko')).conversation.queue).toBe('moving');
    expect((await start('moving', 'ja')).conversation.queue).toBe('moving');
    expect((await start('tax', 'vi')).conversation.queue).toBe('multilingual');
    expect((await start(undefined, 'zh-Hans')).conversation.queue).toBe('multilingual');
    expect((await start('tax', 'ja')).conversation.queue).toBe('general');
  });

  it('prefers a free operator who speaks the language over a longer idle one, and falls back with the translator', async () => {
    await queue('nenkin', { category: 'nenkin' });
    const japanese = await operator('nenkin', ['ja'], 30, 1);
    const korean = await operator('nenkin', ['ko', 'ja'], 5, 1);

    const first = await start('nenkin', 'ko');
    expect(first.conversation.status).toBe('assigned');
    expect(await assignee(first.conversation.id)).toBe(idOf(korean.actor));

    // The Korean speaker's one seat is taken: the next Korean chat goes to the Japanese speaker,
    // who reads the resident through the translator (none is configured here, and it says so).
    const second = await start('nenkin', 'ko');
    expect(await assignee(second.conversation.id)).toBe(idOf(japanese.actor));
    await act(second.client, 'send', {
      conversationId: second.conversation.id,
      clientId: clientId(),
      body: '안녕하세요',
    });
    const read = await japanese.request('GET', `/api/plugins/contact-center/conversations/${second.conversation.id}`);
    const line = read.body.messages.find((m: { body: string }) => m.body === '안녕하세요');
    expect(line.translations).toEqual([expect.objectContaining({ language: 'ja', status: 'notConfigured' })]);
  });

  it('serves やさしい日本語 with a Japanese speaker first', async () => {
    await queue('easy', { category: 'easy' });
    await operator('easy', ['en'], 60);
    const japanese = await operator('easy', ['ja'], 1);
    const chat = await start('easy', 'ja-x-easy');
    expect(await assignee(chat.conversation.id)).toBe(idOf(japanese.actor));
  });

  it('overflows from a language queue nobody staffs to the any-language queue, whose operator takes it', async () => {
    await queue('kosodate', { category: 'kosodate' });
    await queue('kosodate-vi', { category: 'kosodate', languages: ['vi'], overflowQueue: 'kosodate' });
    const chat = await start('kosodate', 'vi');
    expect(chat.conversation).toMatchObject({ queue: 'kosodate-vi', status: 'queued' });
    const japanese = await operator('kosodate', ['ja'], 10);
    clock.advance(11_000);
    await host.runJobs(clock.now());
    const moved = await sql<{ queue: string; overflowed_from: string; assigned_to: string }>(
      'select queue, overflowed_from, assigned_to from conversation where id = $1',
      [chat.conversation.id],
    );
    expect(moved.rows[0]).toEqual({
      queue: 'kosodate',
      overflowed_from: 'kosodate-vi',
      assigned_to: idOf(japanese.actor),
    });
  });

  it('refuses a language the portal does not have, and changes nothing', async () => {
    const badQueue = await act(supervisor, 'configureQueue', {
      code: 'klingon',
      label: { ja: 'x' },
      tier: 'operator',
      skill: 'x',
      languages: ['tlh'],
    });
    expect(badQueue.status).toBe(422);
    expect(JSON.stringify(badQueue.body)).toContain('/languages/0');
    const noLanguages = await act(supervisor, 'configureOperator', {
      principal: 'nobody',
      displayName: 'x',
      capacity: 1,
      skills: ['x'],
      languages: [],
    });
    expect(noLanguages.status).toBe(422);
    const stored = await sql(
      "select 1 from queue where code = 'klingon' union all select 1 from operator where principal = 'nobody'",
    );
    expect(stored.rows).toHaveLength(0);
  });
});
