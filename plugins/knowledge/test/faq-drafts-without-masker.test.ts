import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kbCommand } from '../src/cli/kb-command.ts';
import { databaseKinds, startHost, type TestHost } from './support.ts';

const SYSTEM = { kind: 'system' } as const;

/** The masker is the concierge's: without it no signal may reach a draft, so nothing is drafted. */
describe.each(databaseKinds())('FAQ drafting without the concierge on %s', (kind) => {
  let host: TestHost;

  beforeAll(async () => {
    host = await startHost(kind);
  });
  afterAll(async () => {
    await host?.close();
  });

  it('refuses with 503 and writes no draft', async () => {
    const data = host.data(SYSTEM, 'knowledge');
    for (const query of ['山田太郎です 粗大ごみの出し方', '粗大ごみの出し方', 'そだいごみの出し方'])
      await data.create('ZeroResultQuery', { query, audience: 'resident' });
    const reviewer = await host.signInAs('staff', 'reviewer-without-masker', ['knowledge-reviewer']);
    const response = await reviewer.request('POST', '/api/actions/knowledge.draftFaqs', {
      body: { minimumSignals: 2 },
    });
    expect(response.status).toBe(503);
    expect((response.body as { code: string }).code).toBe('knowledge.maskerUnavailable');
    expect(await data.count('KnowledgeFaq', {})).toBe(0);
    const { rows } = await host.context('knowledge').sql.query('select count(*)::int as n from faq_draft');
    expect(rows[0]).toEqual({ n: 0 });
    await expect(kbCommand.run(['drafts', '--min', '2'], host.context('knowledge'))).rejects.toMatchObject({
      code: 'knowledge.maskerUnavailable',
    });
    await expect(kbCommand.run(['drafts', '--min', 'x'], host.context('knowledge'))).rejects.toThrow(/--min/);
    expect(await data.count('KnowledgeFaq', {})).toBe(0);
  });
});
