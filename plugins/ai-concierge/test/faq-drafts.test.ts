import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askAs, databaseKinds, signInResident, startHost, type TestHost, type TestHostClient } from './support.ts';

const SYSTEM = { kind: 'system' } as const;

/** Residents' own wordings of four Kobe My Number FAQ questions (the knowledge plugin's query sets). */
function variantsOf(answerIds: string[]): Map<string, string[]> {
  const read = (file: string) =>
    readFileSync(new URL(`../../knowledge/eval/${file}`, import.meta.url), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { query: string; answer_id: string });
  const groups = new Map<string, string[]>(answerIds.map((id) => [id, []]));
  for (const row of [...read('faq-dev.jsonl'), ...read('faq-holdout.jsonl')])
    groups.get(row.answer_id)?.push(row.query);
  return groups;
}

interface Draft {
  faqId: string;
  kind: 'new' | 'change';
  question: string;
  targetFaqId: string | null;
  signalCount: number;
  signals: Array<{ kind: string; text: string; comment?: string }>;
}

describe.each(databaseKinds())('FAQ drafts from residents’ signals on %s', (kind) => {
  let host: TestHost;
  let reviewer: TestHostClient;
  let editor: TestHostClient;
  let resident: TestHostClient;

  beforeAll(async () => {
    host = await startHost(kind);
    reviewer = await host.signInAs('staff', 'drafts-reviewer', ['knowledge-reviewer']);
    editor = await host.signInAs('staff', 'drafts-editor', ['knowledge-editor']);
    resident = await signInResident(host);
  });
  afterAll(async () => {
    await host?.close();
  });

  const zeroResults = async (queries: string[]) => {
    const data = host.data(SYSTEM, 'knowledge');
    for (const query of queries) await data.create('ZeroResultQuery', { query, audience: 'resident' });
  };
  const run = async (body: Record<string, unknown> = {}) => {
    const response = await reviewer.request('POST', '/api/actions/knowledge.draftFaqs', {
      body: { minimumSignals: 3, ...body },
    });
    expect(response.status).toBe(200);
    return response.body as { created: Array<{ faqId: string }>; renewed: number; skipped: Record<string, number> };
  };
  const queue = async () => {
    const response = await editor.request('GET', '/api/plugins/knowledge/faq-drafts');
    expect(response.status).toBe(200);
    return (response.body as { drafts: Draft[] }).drafts;
  };
  const wipe = async () => {
    await host.context('knowledge').sql.query('delete from faq_draft');
    for (const table of ['feedback', 'turn', 'conversation'])
      await host.context('ai-concierge').sql.query(`delete from ${table}`);
    const data = host.data(SYSTEM, 'knowledge');
    for (const entity of ['ZeroResultQuery', 'SearchFeedback', 'KnowledgeFaq'])
      for (
        let page = await data.list(entity, { limit: 200 });
        page.length > 0;
        page = await data.list(entity, { limit: 200 })
      )
        for (const record of page) await data.delete(entity, String(record.id));
  };

  it('groups wording variants of one question together and keeps unrelated questions apart', async () => {
    const groups = variantsOf(['kobe-mn-042', 'kobe-mn-070', 'kobe-mn-029', 'kobe-mn-018']);
    await zeroResults([...groups.values()].flat());
    const summary = await run();
    expect(summary.created).toHaveLength(4);
    // The masker NFKC-normalises what it masks (？ → ?), so the wordings are compared so too.
    const groupOf = (text: string) =>
      [...groups].find(([, queries]) => queries.some((query) => query.normalize('NFKC') === text))?.[0];
    const drafts = await queue();
    const drafted = drafts.map((draft) => new Set(draft.signals.map((signal) => groupOf(signal.text))));
    // Each draft's evidence is one question's wordings only, and each question got one draft.
    for (const ids of drafted) expect(ids.size).toBe(1);
    expect(new Set(drafted.map((ids) => [...ids][0])).size).toBe(4);
    expect(drafts.find((draft) => groupOf(draft.question) === 'kobe-mn-042')?.signalCount).toBeGreaterThanOrEqual(4);
    for (const draft of drafts) expect(draft).toMatchObject({ kind: 'new', targetFaqId: null });

    // Re-running drafts nothing twice; a dismissed cluster stays dismissed.
    const again = await run();
    expect(again.created).toHaveLength(0);
    expect(again.renewed).toBe(4);
    const dismissed = drafts[0] as Draft;
    const dismiss = await editor.request('POST', '/api/actions/knowledge.dismissFaqDraft', {
      body: { faqId: dismissed.faqId },
    });
    expect(dismiss.status).toBe(200);
    await zeroResults([dismissed.signals[0]?.text ?? '']);
    const third = await run();
    expect(third.created).toHaveLength(0);
    expect(third.skipped.dismissed).toBe(1);
    expect((await queue()).map((draft) => draft.faqId)).not.toContain(dismissed.faqId);
    await wipe();
  });

  it('publishes nothing: a draft is found by residents only after a reviewer approves it', async () => {
    await zeroResults(['粗大ごみの出し方を知りたい', '粗大ごみ 出し方', 'そだいごみの出し方']);
    expect((await run()).created).toHaveLength(1);
    const [draft] = await queue();
    const id = draft?.faqId ?? '';
    const search = async () => {
      await host.settled();
      const response = await resident.request('POST', '/api/actions/knowledge.search', {
        body: { query: '粗大ごみの出し方' },
      });
      expect(response.status).toBe(200);
      return (response.body as { results: Array<{ title: string }> }).results.map((result) => result.title);
    };
    expect(await search()).not.toContain(draft?.question);
    const current = await editor.request('GET', `/api/data/KnowledgeFaq/${id}`);
    const update = await editor.request('PATCH', `/api/data/KnowledgeFaq/${id}`, {
      body: { answer: '粗大ごみは受付センターに電話で申し込んでください。' },
      headers: { 'if-match': `"${(current.body as { version: number }).version}"` },
    });
    expect(update.status).toBe(200);
    const transition = (name: string, client: TestHostClient) =>
      client.request('POST', `/api/workflows/KnowledgeFaq/${id}/transitions/${name}`, { body: {} });
    expect((await transition('submit', editor)).status).toBe(200);
    expect(await search()).not.toContain(draft?.question);
    expect((await transition('approve', reviewer)).status).toBe(200);
    expect(await search()).toContain(draft?.question);
    await wipe();
  });

  it('proposes a change to the entry that "did not help", as a revision under review', async () => {
    const published = await host.data(SYSTEM, 'knowledge').create('KnowledgeFaq', {
      question: 'マイナンバーカードの暗証番号を忘れたときは？',
      answer: '区役所で再設定してください。',
      classification: 'public',
      status: 'published',
    });
    await host.settled();
    const comments = ['区役所の場所が書いていない', '鈴木一郎です。電話 090-8765-4321 に連絡がほしい', ''];
    for (const [index, query] of [
      '暗証番号を忘れた',
      'あんしょうばんごう わすれた',
      '暗証番号わからなくなった',
    ].entries())
      await host.data(SYSTEM, 'knowledge').create('SearchFeedback', {
        query,
        resultKind: 'faq',
        resultId: String(published.id),
        helpful: false,
        ...(comments[index] ? { comment: comments[index] } : {}),
      });
    expect((await run()).created).toHaveLength(1);
    const [draft] = await queue();
    expect(draft).toMatchObject({ kind: 'change', targetFaqId: String(published.id) });
    const revision = await host.data(SYSTEM, 'knowledge').get('KnowledgeFaq', draft?.faqId ?? '');
    expect(revision).toMatchObject({ revisionOf: String(published.id), status: 'draft' });
    // The residents' comments come along as evidence, masked like the questions.
    const shown = draft?.signals.map((signal) => signal.comment).filter(Boolean);
    expect(shown).toContain('区役所の場所が書いていない');
    expect(JSON.stringify(shown)).not.toMatch(/鈴木|一郎|8765/u);
    expect(JSON.stringify(shown)).toContain('〔電話番号〕');
    await wipe();
  });

  it('reads the concierge answers rated "did not help" as a change to the entry they cited', async () => {
    const published = await host.data(SYSTEM, 'knowledge').create('KnowledgeFaq', {
      question: '粗大ごみの収集を申し込むにはどうすればよいですか。',
      answer: '粗大ごみ受付センターに電話で申し込んでください。',
      classification: 'public',
      status: 'published',
    });
    await host.settled();
    for (const message of ['粗大ごみの収集を申し込みたい', '粗大ごみの収集の申し込み方法', '粗大ごみ 収集 申し込む']) {
      const answer = await askAs(resident, message);
      expect(answer.body).toMatchObject({ status: 'answered' });
      const { conversationId, conversation } = answer.body as {
        conversationId: string;
        conversation: { turns: number };
      };
      const rated = await resident.request('POST', '/api/actions/ai-concierge.feedback', {
        body: { conversationId, turn: conversation.turns, helpful: false },
      });
      expect(rated.status).toBe(200);
    }
    expect((await run()).created).toHaveLength(1);
    const [draft] = await queue();
    expect(draft).toMatchObject({ kind: 'change', targetFaqId: String(published.id), signalCount: 3 });
    expect(new Set(draft?.signals.map((signal) => signal.kind))).toEqual(new Set(['conciergeNotHelpful']));
    await wipe();
  });

  it('masks names, phone numbers, e-mail and My Numbers before anything reaches a draft', async () => {
    await zeroResults([
      '山田太郎です。児童手当の振込日を教えて 090-1234-5678',
      '児童手当の振込日はいつ？マイナンバーは123456789018です',
      '児童手当 振込日 連絡先 taro@example.jp',
    ]);
    const asked = await askAs(resident, '佐藤花子です。児童手当の振込日を知りたい。電話は06-6123-4567');
    expect(asked.status).toBe(200);
    // Every signal its own draft, so that every text is checked where it lands.
    expect((await run({ minimumSignals: 2 })).created.length).toBeGreaterThan(0);
    const { rows } = await host.context('knowledge').sql.query('select * from faq_draft');
    const records = await host.data(SYSTEM, 'knowledge').list('KnowledgeFaq', { limit: 200 });
    const written = JSON.stringify([rows, records, await queue()]);
    for (const secret of ['山田', '太郎', '佐藤', '花子', '1234-5678', '6123-4567', '123456789018', 'taro@'])
      expect(written).not.toContain(secret);
    expect(written).toContain('〔電話番号〕');
    expect(written).toContain('〔氏名〕');
    const kinds = (await queue()).flatMap((draft) => draft.signals.map((signal) => signal.kind));
    expect(kinds).toContain('conciergeDeclined');
    await wipe();
  });

  it('keeps My Numbers and e-mail addresses out of the drafts too', async () => {
    await zeroResults([
      '児童手当の振込日 マイナンバーは123456789018',
      '児童手当の振込日 番号123456789018',
      '児童手当の振込日 taro@example.jp',
    ]);
    expect((await run({ minimumSignals: 2 })).created).toHaveLength(1);
    const { rows } = await host.context('knowledge').sql.query('select * from faq_draft');
    const records = await host.data(SYSTEM, 'knowledge').list('KnowledgeFaq', { limit: 200 });
    const written = JSON.stringify([rows, records]);
    expect(written).not.toContain('123456789018');
    expect(written).not.toContain('taro@');
    expect(written).toContain('〔個人番号〕');
    expect(written).toContain('〔メール〕');
    await wipe();
  });

  it('drafts from the daily job as from the action', async () => {
    await zeroResults(['ペットの火葬をしたい', 'ぺっとの火葬', 'ペット 火葬 申し込み']);
    await host.context('knowledge').jobs.enqueue('draftFaqs');
    expect(await host.runJobs()).toMatchObject({ dead: 0, retried: 0 });
    expect((await queue()).map((draft) => draft.signalCount)).toEqual([3]);
    await wipe();
  });

  it('refuses a resident and bad input, changing nothing', async () => {
    expect((await resident.request('POST', '/api/actions/knowledge.draftFaqs', { body: {} })).status).toBe(403);
    expect((await reviewer.request('POST', '/api/actions/knowledge.draftFaqs', { body: { days: 0 } })).status).toBe(
      422,
    );
    const notADraft = await editor.request('POST', '/api/actions/knowledge.dismissFaqDraft', { body: { faqId: 'x' } });
    expect(notADraft.status).toBe(404);
    expect(await queue()).toEqual([]);
  });
});
