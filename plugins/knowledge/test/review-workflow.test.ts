import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, eventually, startHost, type TestHost } from './support.ts';

type Client = Awaited<ReturnType<TestHost['signInAs']>>;

describe.each(databaseKinds())('drafts, review and publishing of knowledge on %s', (kind) => {
  let host: TestHost;
  let editor: Client;
  let reviewer: Client;
  let resident: Client;

  beforeAll(async () => {
    host = await startHost(kind);
    editor = await host.signInAs('staff', 'editor-1', ['knowledge-editor']);
    reviewer = await host.signInAs('staff', 'reviewer-1', ['knowledge-reviewer']);
    resident = await host.signInAs('resident', 'resident-1', []);
  }, 300_000);
  afterAll(async () => {
    await host?.close();
  });

  const titlesFound = async (query: string) => {
    const response = await resident.request('POST', '/api/actions/knowledge.search', { body: { query } });
    expect(response.status).toBe(200);
    return (response.body.results as Array<{ title: string }>).map((result) => result.title);
  };
  const transition = (id: string, name: string, client: Client, comment?: string) =>
    client.request('POST', `/api/workflows/KnowledgeFaq/${id}/transitions/${name}`, {
      body: comment ? { comment } : {},
    });
  const question = '粗大ごみの申し込みはどこでできますか';

  it('publishes only what a reviewer approved, and records who did what', async () => {
    const refused = await editor.request('POST', '/api/data/KnowledgeFaq', {
      body: {
        question,
        answer: '粗大ごみ受付センターへ電話で申し込みます。',
        classification: 'public',
        status: 'published',
      },
    });
    expect(refused.status).toBeGreaterThanOrEqual(400);

    const created = await editor.request('POST', '/api/data/KnowledgeFaq', {
      body: { question, answer: '粗大ごみ受付センターへ電話で申し込みます。', classification: 'public' },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ status: 'draft', review: 'editing' });
    const id = String(created.body.id);

    expect((await transition(id, 'submit', editor)).status).toBe(200);
    expect((await transition(id, 'approve', editor)).status).toBe(403);
    const catalogue = await reviewer.request('GET', '/api/plugins/knowledge/catalogue');
    expect(catalogue.body.sources).toContainEqual(
      expect.objectContaining({ entity: 'KnowledgeFaq', records: 1, published: 0, inReview: 1 }),
    );
    const locked = await editor.request('PATCH', `/api/data/KnowledgeFaq/${id}`, {
      body: { answer: '確認中に書き換え' },
      headers: { 'if-match': '"2"' },
    });
    expect(locked.status).toBeGreaterThanOrEqual(400);

    expect((await transition(id, 'sendBack', reviewer)).status).toBe(422);
    expect((await transition(id, 'sendBack', reviewer, '受付時間を書いてください')).status).toBe(200);
    const current = await editor.request('GET', `/api/data/KnowledgeFaq/${id}`);
    const edited = await editor.request('PATCH', `/api/data/KnowledgeFaq/${id}`, {
      body: { answer: '粗大ごみ受付センターへ電話（平日9時から17時）で申し込みます。' },
      headers: { 'if-match': `"${current.body.version}"` },
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(await titlesFound('粗大ごみ 申し込み')).not.toContain(question);

    expect((await transition(id, 'submit', editor)).status).toBe(200);
    expect((await transition(id, 'approve', reviewer)).status).toBe(200);
    const published = await editor.request('GET', `/api/data/KnowledgeFaq/${id}`);
    expect(published.body).toMatchObject({ status: 'published', review: 'approved' });
    await eventually(async () => expect(await titlesFound('粗大ごみ 申し込み')).toContain(question));

    const history = (await reviewer.request('GET', `/api/workflows/KnowledgeFaq/${id}`)).body.history as Array<{
      transition?: string;
      comment?: string;
      actor: { name: string };
    }>;
    expect(history.filter((line) => line.transition).map((line) => [line.transition, line.actor.name])).toEqual([
      ['submit', 'editor-1'],
      ['sendBack', 'reviewer-1'],
      ['submit', 'editor-1'],
      ['approve', 'reviewer-1'],
    ]);
    expect(history.find((line) => line.transition === 'sendBack')?.comment).toBe('受付時間を書いてください');

    const direct = await editor.request('PATCH', `/api/data/KnowledgeFaq/${id}`, {
      body: { answer: '公開中に直接書き換え' },
      headers: { 'if-match': `"${published.body.version}"` },
    });
    expect(direct.status).toBeGreaterThanOrEqual(400);
    expect((await transition(id, 'revise', editor, '料金を追記する')).status).toBe(200);
    await eventually(async () => expect(await titlesFound('粗大ごみ 申し込み')).not.toContain(question));
  });

  it('revises published content in review while the published version stays online, then replaces it', async () => {
    const system = host.data({ kind: 'system' }, 'knowledge');
    const original = await system.create('KnowledgeFaq', {
      question: '犬の登録はどこでできますか',
      answer: '区役所の衛生課で登録できます。',
      classification: 'public',
      status: 'published',
    });
    const id = String(original.id);
    const answersFound = async (query: string) => {
      const response = await resident.request('POST', '/api/actions/knowledge.search', { body: { query } });
      return (response.body.results as Array<{ recordId: string; passage: Array<{ text: string }> }>).map((result) => [
        result.recordId,
        result.passage.map((segment) => segment.text).join(''),
      ]);
    };
    await eventually(async () => expect((await answersFound('犬の登録'))[0]?.[0]).toBe(id));

    const revise = (body: Record<string, unknown>, client: Client = editor) =>
      client.request('POST', '/api/actions/knowledge.revise', { body });
    expect((await revise({ entity: 'KnowledgeFaq', id }, resident)).status).toBe(403);
    const opened = await revise({ entity: 'KnowledgeFaq', id });
    expect(opened.status, JSON.stringify(opened.body)).toBe(200);
    const revisionId = String(opened.body.id);
    expect((await revise({ entity: 'KnowledgeFaq', id })).status).toBe(409);

    const draft = await editor.request('GET', `/api/data/KnowledgeFaq/${revisionId}`);
    expect(draft.body).toMatchObject({
      status: 'draft',
      review: 'editing',
      revisionOf: id,
      question: '犬の登録はどこでできますか',
    });
    const edited = await editor.request('PATCH', `/api/data/KnowledgeFaq/${revisionId}`, {
      body: { answer: '区役所の衛生課か、動物管理センターで登録できます。' },
      headers: { 'if-match': `"${draft.body.version}"` },
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect((await transition(revisionId, 'submit', editor)).status).toBe(200);

    // In review: residents still find the published answer, and only it.
    await host.settled();
    const during = await answersFound('犬の登録');
    expect(during.map(([recordId]) => recordId)).not.toContain(revisionId);
    expect(during[0]).toEqual([id, expect.stringContaining('区役所の衛生課で登録できます。')]);

    expect((await transition(revisionId, 'approve', reviewer)).status).toBe(200);
    await host.settled();
    await eventually(async () =>
      expect((await answersFound('犬の登録'))[0]).toEqual([id, expect.stringContaining('動物管理センター')]),
    );
    const replaced = await system.get('KnowledgeFaq', id);
    expect(replaced).toMatchObject({
      status: 'published',
      answer: '区役所の衛生課か、動物管理センターで登録できます。',
    });
    expect(await system.count('KnowledgeFaq', { revisionOf: { eq: id } })).toBe(0);
    const audit = await host.request('GET', '/api/audit?limit=100', { as: 'admin' });
    expect(JSON.stringify(audit.body)).toContain('knowledge.revisionApplied');
  });
});
