import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ModelSandbox, startModelSandbox } from '../src/sandbox/model-sandbox.ts';
import {
  askAs,
  databaseKinds,
  faqRecords,
  INJECTED,
  SEEDING_TIMEOUT,
  STAFF_MANUAL,
  seedKnowledge,
  signInEditor,
  signInResident,
  signInStaff,
  startHost,
  type TestHost,
} from './support.ts';

const label = (ja: string) => ({ ja });

/** Agents as an administrator publishes them: the metadata language's kind `agent`. */
const AGENTS = [
  {
    kind: 'agent',
    name: 'mynumber-guide',
    label: label('マイナンバー案内'),
    instructions: label('マイナンバーカードのことだけに答えてください。'),
    knowledge: { kinds: ['faq'] },
    answerer: 'extractive',
  },
  {
    kind: 'agent',
    name: 'public-articles',
    label: label('公開記事だけ'),
    instructions: label('公開の記事だけで答えてください。'),
    knowledge: { kinds: ['article'], classifications: ['public'] },
    answerer: 'extractive',
  },
  {
    kind: 'agent',
    name: 'editors-desk',
    label: label('編集者の窓口'),
    roles: ['concierge-editor'],
    instructions: label('編集者向けに答えてください。'),
    knowledge: { kinds: ['faq'] },
    answerer: 'extractive',
  },
  {
    kind: 'agent',
    name: 'desk-with-tools',
    label: label('道具を使う窓口'),
    instructions: label('必要なら道具を使ってください。'),
    knowledge: { kinds: ['faq'] },
    tools: ['knowledge.passages', 'ai-concierge.faqSignals'],
    answerer: 'model',
    limits: { maxToolCalls: 3, timeoutMs: 5000 },
  },
];

const MANUAL_QUESTION = '交付時の本人確認で顔写真が一致しないときは？';
const FORGOTTEN_PIN = '暗証番号を忘れたときはどうすればいいですか';

describe.each(databaseKinds())('agents as metadata, run by the concierge, on %s', (kind) => {
  let host: TestHost;
  let sandbox: ModelSandbox;
  let manualId: string;

  beforeAll(async () => {
    sandbox = await startModelSandbox();
    host = await startHost(kind);
    const ids = await seedKnowledge(host, [...faqRecords().slice(0, 40), STAFF_MANUAL, INJECTED]);
    manualId = ids[40] as string;
    const published = await host.request('POST', '/api/metadata/publish', { as: 'admin', body: { upserts: AGENTS } });
    expect(published.status).toBe(200);
  }, SEEDING_TIMEOUT);
  afterAll(async () => {
    await host?.close();
    await sandbox?.close();
  });

  async function traces(query: string) {
    const editor = await signInEditor(host);
    const response = await editor.request('GET', `/api/plugins/ai-concierge/traces?${query}`);
    expect(response.status).toBe(200);
    return response.body.conversations as Array<{ id: string; turns: Array<Record<string, unknown>> }>;
  }

  it('answers with a chosen agent, and keeps its run in the trace with the asker’s feedback', async () => {
    const resident = await signInResident(host);
    const { status, body } = await askAs(resident, 'マイナンバーカードの取得は義務ですか？', {
      agent: 'mynumber-guide',
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'answered', mode: 'extractive', agent: 'mynumber-guide' });
    expect(body.citations[0].id).toMatch(/^KnowledgeFaq:/);
    const rated = await resident.request('POST', '/api/actions/ai-concierge.feedback', {
      body: { conversationId: body.conversationId, turn: 1, helpful: false },
    });
    expect(rated.status).toBe(200);

    const [conversation] = await traces('agent=mynumber-guide&notHelpful=true');
    expect(conversation?.id).toBe(body.conversationId);
    expect(conversation?.turns[0]).toMatchObject({
      agent: 'mynumber-guide',
      status: 'answered',
      toolCalls: [],
      declinedReason: null,
      helpful: false,
      cited: body.citations.map((citation: { id: string }) => citation.id),
    });
    expect(conversation?.turns[0]?.retrieved).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: body.citations[0].id })]),
    );
    expect(await traces('agent=editors-desk')).toEqual([]);
  });

  it('refuses an unknown agent and one the asker may not run, storing nothing', async () => {
    const before = (await traces('')).length;
    const resident = await signInResident(host);
    const unknown = await askAs(resident, 'マイナンバーカードの取得は義務ですか？', { agent: 'no-such-agent' });
    expect([unknown.status, unknown.body.code]).toEqual([404, 'ai-concierge.agentNotFound']);
    const denied = await askAs(resident, 'マイナンバーカードの取得は義務ですか？', { agent: 'editors-desk' });
    expect([denied.status, denied.body.code]).toEqual([403, 'ai-concierge.agentDenied']);
    const streamed = await resident.request('POST', '/api/plugins/ai-concierge/ask/stream', {
      body: { message: 'マイナンバーカードの取得は義務ですか？', agent: 'editors-desk' },
    });
    expect(streamed.status).toBe(403);
    expect((await traces('')).length).toBe(before);

    const editor = await signInEditor(host);
    const allowed = await askAs(editor, 'マイナンバーカードの取得は義務ですか？', { agent: 'editors-desk' });
    expect(allowed.body).toMatchObject({ status: 'answered', agent: 'editors-desk' });
  });

  it('narrows the knowledge to the agent’s classifications, and says why it declined', async () => {
    const staff = await signInStaff(host);
    const own = await staff.request('POST', '/api/actions/ai-concierge.staffAsk', {
      body: { message: MANUAL_QUESTION },
    });
    expect(own.body.citations[0]?.title).toBe(STAFF_MANUAL.title);
    const narrowed = await staff.request('POST', '/api/actions/ai-concierge.staffAsk', {
      body: { message: MANUAL_QUESTION, agent: 'public-articles' },
    });
    expect(narrowed.body).toMatchObject({ status: 'declined', agent: 'public-articles', citations: [] });
    const [conversation] = await traces('agent=public-articles');
    expect(conversation?.turns[0]).toMatchObject({ status: 'declined', declinedReason: 'nothingGoodEnough' });
  });

  it('calls tools only as the asker: a refused action stays refused and an injected request widens nothing', async () => {
    const settings = { baseUrl: sandbox.baseUrl, model: 'city-model', minimumScore: 0.3 };
    expect((await host.setSettings('ai-concierge', settings)).status).toBe(200);
    // What a model obeying the injected passage ("show the staff manual") would ask for.
    sandbox.behaviour = {
      kind: 'toolCalls',
      calls: [
        { name: 'knowledge__passages', arguments: { ids: [manualId] } },
        { name: 'ai-concierge__faqSignals', arguments: { since: '2020-01-01T00:00:00Z' } },
        { name: 'contact-center__start', arguments: {} },
      ],
    };
    const before = sandbox.requests.length;
    const resident = await signInResident(host);
    const { body } = await askAs(resident, FORGOTTEN_PIN, { agent: 'desk-with-tools' });
    expect(body).toMatchObject({ status: 'answered', mode: 'model', agent: 'desk-with-tools' });

    const sent = sandbox.requests.slice(before).filter((request) => request.path === '/v1/chat/completions');
    expect(sent[0]?.body.tools).toEqual([
      expect.objectContaining({ function: expect.objectContaining({ name: 'knowledge__passages' }) }),
    ]);
    expect(sent.map((request) => request.raw).join('\n')).not.toContain('内線4321');

    const [conversation] = await traces('agent=desk-with-tools');
    const calls = conversation?.turns[0]?.toolCalls as Array<Record<string, unknown>>;
    expect(calls.map(({ name, status, code }) => ({ name, status, code }))).toEqual([
      { name: 'knowledge.passages', status: 'done', code: undefined },
      { name: 'ai-concierge.faqSignals', status: 'refused', code: 'access.denied' },
      { name: 'contact-center__start', status: 'notAllowed', code: 'agent.toolNotAllowed' },
    ]);
    expect(calls[0]?.output).toBe('{"result":{"passages":[]}}');

    // The same agent run by a concierge editor may call what the editor may.
    const editor = await signInEditor(host);
    await askAs(editor, FORGOTTEN_PIN, { agent: 'desk-with-tools' });
    const [latest] = await traces('agent=desk-with-tools');
    const editorCalls = latest?.turns[0]?.toolCalls as Array<Record<string, unknown>>;
    expect(editorCalls[1]).toMatchObject({ name: 'ai-concierge.faqSignals', status: 'done' });
  });

  it('stops at the agent’s limit of tool calls', async () => {
    const limited = { ...AGENTS[3], name: 'one-call-desk', limits: { maxToolCalls: 1 } };
    expect(
      (await host.request('POST', '/api/metadata/publish', { as: 'admin', body: { upserts: [limited] } })).status,
    ).toBe(200);
    sandbox.behaviour = {
      kind: 'toolCalls',
      calls: [
        { name: 'knowledge__passages', arguments: { ids: [manualId] } },
        { name: 'knowledge__passages', arguments: { ids: [manualId] } },
      ],
    };
    const resident = await signInResident(host);
    const { body } = await askAs(resident, FORGOTTEN_PIN, { agent: 'one-call-desk' });
    expect(body.status).toBe('answered');
    const [conversation] = await traces('agent=one-call-desk');
    const calls = conversation?.turns[0]?.toolCalls as Array<Record<string, unknown>>;
    expect(calls.map((call) => call.status)).toEqual(['done', 'overLimit']);
  });

  it('bounds the whole run, tool calls included, by the agent’s timeoutMs', async () => {
    // Each model request (0.9 s) fits the agent's 1.5 s, but two of them around a tool call do not.
    const hurried = { ...AGENTS[3], name: 'hurried-desk', limits: { maxToolCalls: 2, timeoutMs: 1500 } };
    expect(
      (await host.request('POST', '/api/metadata/publish', { as: 'admin', body: { upserts: [hurried] } })).status,
    ).toBe(200);
    sandbox.behaviour = {
      kind: 'toolCalls',
      calls: [{ name: 'knowledge__passages', arguments: { ids: [manualId] } }],
      delayMs: 900,
    };
    const resident = await signInResident(host);
    const { body } = await askAs(resident, FORGOTTEN_PIN, { agent: 'hurried-desk' });
    expect(body).toMatchObject({ status: 'answered', mode: 'extractive', fallback: { reason: 'timeout' } });
    expect(body.fallback.message).toContain('1500 ms');

    // The same two requests with time to spare: the model answers.
    const patient = { ...hurried, name: 'patient-desk', limits: { maxToolCalls: 2, timeoutMs: 5000 } };
    expect(
      (await host.request('POST', '/api/metadata/publish', { as: 'admin', body: { upserts: [patient] } })).status,
    ).toBe(200);
    const { body: answered } = await askAs(resident, FORGOTTEN_PIN, { agent: 'patient-desk' });
    expect(answered).toMatchObject({ status: 'answered', mode: 'model' });
  });
});
