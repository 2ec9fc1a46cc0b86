import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  askAs,
  databaseKinds,
  faqRecords,
  SEEDING_TIMEOUT,
  STAFF_MANUAL,
  seedKnowledge,
  signInEditor,
  signInResident,
  signInStaff,
  startHost,
  type TestHost,
} from './support.ts';

describe.each(databaseKinds())('the concierge without the knowledge plugin, on %s', (kind) => {
  let host: TestHost;
  beforeAll(async () => {
    host = await startHost(kind, { knowledge: false });
  });
  afterAll(() => host?.close());

  it('says it has no knowledge source and where to ask, instead of answering from anything else', async () => {
    const resident = await signInResident(host);
    const { status, body } = await askAs(resident, 'マイナンバーカードの取得は義務ですか？');
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'unavailable', citations: [], numbersSupported: true });
    expect(body.answer).toContain('このチャットからは担当者におつなぎできません');
    const mode = await host.request('GET', '/api/plugins/ai-concierge/mode', { as: resident });
    expect(mode.body).toEqual({ mode: 'extractive', knowledge: false });
  });
});

describe.each(databaseKinds())('languages, the staff concierge and traces, on %s', (kind) => {
  let host: TestHost;
  beforeAll(async () => {
    host = await startHost(kind);
    await seedKnowledge(host, [...faqRecords().slice(0, 40), STAFF_MANUAL]);
  }, SEEDING_TIMEOUT);
  afterAll(() => host?.close());

  it('answers in Japanese when another language is asked without a model, and says so', async () => {
    const resident = await signInResident(host);
    for (const language of ['zh-Hans', 'zh-Hant', 'ko', 'vi']) {
      const { body } = await askAs(resident, 'マイナンバーカードの取得は義務ですか？', { language });
      expect(body).toMatchObject({
        status: 'answered',
        mode: 'extractive',
        language: { requested: language, answered: 'ja' },
      });
      expect(body.answer).toContain('取得は義務ではございません');
    }
  });

  it('adds the readings of kanji for やさしい日本語 and keeps every number checkable', async () => {
    const resident = await signInResident(host);
    const { body } = await askAs(resident, 'マイナンバーカードの取得は義務ですか？', { language: 'ja-x-easy' });
    expect(body.language).toEqual({ requested: 'ja-x-easy', answered: 'ja-x-easy' });
    expect(body.answer).toContain('取得（しゅとく）');
    expect(body.answer).toContain('義務（ぎむ）');
    expect(body.answer).toContain('[1]');
  });

  it('answers staff from staff articles in the staff concierge, and refuses residents', async () => {
    const staff = await signInStaff(host);
    const answered = await staff.request('POST', '/api/actions/ai-concierge.staffAsk', {
      body: { message: '交付時の本人確認で顔写真が一致しないときは？' },
    });
    expect(answered.body).toMatchObject({ status: 'answered' });
    expect(answered.body.citations[0].title).toBe(STAFF_MANUAL.title);
    const resident = await signInResident(host);
    const refused = await resident.request('POST', '/api/actions/ai-concierge.staffAsk', {
      body: { message: '交付時の本人確認で顔写真が一致しないときは？' },
    });
    expect([refused.status, refused.body.code]).toEqual([403, 'ai-concierge.staffOnly']);
  });

  it('keeps a trace of each turn for the concierge staff only: passages with scores, citations, mode, latency', async () => {
    const resident = await signInResident(host);
    const asked = await askAs(resident, 'マイナンバーカードの取得は義務ですか？');
    await askAs(resident, '明日の天気を教えて', { conversationId: asked.body.conversationId });
    expect((await host.request('GET', '/api/plugins/ai-concierge/traces', { as: resident })).status).toBe(403);
    expect(
      (await host.request('GET', '/api/plugins/ai-concierge/traces', { as: await signInStaff(host) })).status,
    ).toBe(403);
    const traces = await host.request('GET', '/api/plugins/ai-concierge/traces', { as: await signInEditor(host) });
    expect(traces.status).toBe(200);
    const conversation = traces.body.conversations.find(
      (each: { id: string }) => each.id === asked.body.conversationId,
    );
    expect(conversation).toMatchObject({ askedBy: 'resident', turns: [expect.any(Object), expect.any(Object)] });
    const [answered, declined] = conversation.turns;
    expect(answered).toMatchObject({
      status: 'answered',
      mode: 'extractive',
      language: { requested: 'ja', answered: 'ja' },
      cited: asked.body.citations.map((citation: { id: string }) => citation.id),
      latencyMs: expect.any(Number),
    });
    expect(answered.retrieved[0]).toMatchObject({ id: asked.body.citations[0].id, score: expect.any(Number) });
    expect(answered.retrieved[0].searchScore).toBeGreaterThan(0);
    expect(declined).toMatchObject({ status: 'declined', cited: [] });
    expect(JSON.stringify(conversation)).not.toContain(resident.actor.kind === 'principal' ? resident.actor.id : '-');
  });

  it('stores "did this help?" on the asker\'s own answers, shows it in the traces, and refuses anyone else', async () => {
    const resident = await signInResident(host);
    const first = await askAs(resident, 'マイナンバーカードの取得は義務ですか？');
    const conversationId = first.body.conversationId;
    await askAs(resident, '明日の天気を教えて', { conversationId });
    const rate = (client: typeof resident, body: Record<string, unknown>) =>
      client.request('POST', '/api/actions/ai-concierge.feedback', { body });
    expect((await rate(resident, { conversationId, turn: 1, helpful: false })).status).toBe(200);
    // A second rating of the same answer replaces the first.
    const changed = await rate(resident, { conversationId, turn: 1, helpful: true });
    expect([changed.status, changed.body]).toEqual([200, { stored: true, helpful: true }]);
    expect((await rate(resident, { conversationId, turn: 2, helpful: false })).status).toBe(200);

    const other = await rate(await signInResident(host), { conversationId, turn: 1, helpful: false });
    expect([other.status, other.body.code]).toEqual([404, 'ai-concierge.conversationNotFound']);
    const beyond = await rate(resident, { conversationId, turn: 3, helpful: false });
    expect([beyond.status, beyond.body.code]).toEqual([404, 'ai-concierge.turnNotFound']);
    const bad = await rate(resident, { conversationId, turn: 0, helpful: 'yes' });
    expect([bad.status, bad.body.code]).toEqual([422, 'action.invalidInput']);

    const traces = await host.request('GET', '/api/plugins/ai-concierge/traces', { as: await signInEditor(host) });
    const conversation = traces.body.conversations.find((each: { id: string }) => each.id === conversationId);
    expect(conversation.turns.map((turn: { helpful: boolean | null }) => turn.helpful)).toEqual([true, false]);
    const unrated = traces.body.conversations.find((each: { id: string }) => each.id !== conversationId);
    expect(unrated.turns[0].helpful).toBeNull();
  });

  it('pages the traces and filters them by a turn status or an unhelpful rating; a bad query is 422', async () => {
    const resident = await signInResident(host);
    const declined = await askAs(resident, '明日の天気を教えて');
    const rated = await askAs(resident, 'マイナンバーカードの取得は義務ですか？');
    await resident.request('POST', '/api/actions/ai-concierge.feedback', {
      body: { conversationId: rated.body.conversationId, turn: 1, helpful: false },
    });
    const editor = await signInEditor(host);
    const traces = (query: string) => host.request('GET', `/api/plugins/ai-concierge/traces${query}`, { as: editor });
    const ids = (body: { conversations: Array<{ id: string }> }) => body.conversations.map((each) => each.id);

    const all = await traces('');
    expect(all.body).toMatchObject({ offset: 0, limit: 50, more: false });
    expect(ids(all.body)).toEqual(expect.arrayContaining([declined.body.conversationId, rated.body.conversationId]));
    const onlyDeclined = await traces('?status=declined');
    expect(ids(onlyDeclined.body)).toContain(declined.body.conversationId);
    expect(ids(onlyDeclined.body)).not.toContain(rated.body.conversationId);
    for (const conversation of onlyDeclined.body.conversations)
      expect(conversation.turns.some((turn: { status: string }) => turn.status === 'declined')).toBe(true);
    const unhelpful = await traces('?notHelpful=true');
    expect(ids(unhelpful.body)).toContain(rated.body.conversationId);
    expect(ids(unhelpful.body)).not.toContain(declined.body.conversationId);
    const second = await traces('?offset=1');
    expect(ids(second.body)).toEqual(ids(all.body).slice(1));
    expect((await traces(`?offset=${all.body.conversations.length}`)).body.conversations).toEqual([]);

    const bad = await traces('?status=lost&offset=-1');
    expect([bad.status, bad.body.code]).toEqual([422, 'ai-concierge.invalidTraceQuery']);
    const residentBad = await host.request('GET', '/api/plugins/ai-concierge/traces?status=lost', { as: resident });
    expect(residentBad.status).toBe(403);
  });
});
