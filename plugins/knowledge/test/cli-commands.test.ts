import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { gomiCommand } from '../src/cli/gomi-command.ts';
import { kbCommand } from '../src/cli/kb-command.ts';
import { buildDocx, buildPdf } from './document-fixtures.ts';
import { databaseKinds, startHost, type TestHost } from './support.ts';

const SYSTEM = { kind: 'system' } as const;

describe.each(databaseKinds())('the kb and gomi commands on %s', (kind) => {
  let host: TestHost;
  let dir: string;

  beforeAll(async () => {
    host = await startHost(kind);
    dir = await mkdtemp(join(tmpdir(), 'kiban-kb-'));
  });
  afterAll(async () => {
    await host?.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function output(work: () => Promise<void>): Promise<string> {
    const lines: string[] = [];
    const spy = vi.spyOn(console, 'log').mockImplementation((line: unknown) => {
      lines.push(String(line));
    });
    try {
      await work();
    } finally {
      spy.mockRestore();
    }
    return lines.join('\n');
  }

  it('imports nothing from a FAQ file with a bad line, then imports and evaluates a good one', async () => {
    const ctx = host.context('knowledge');
    const bad = join(dir, 'bad.jsonl');
    await writeFile(
      bad,
      '{"id":"a","question":"住民票の写しはどこで取れますか","answer":"区役所で取れます。"}\n{"id":"b"}\n',
    );
    await expect(kbCommand.run(['import', bad], ctx)).rejects.toMatchObject({ problems: [{ line: 2 }] });
    expect(await host.data(SYSTEM, 'knowledge').count('KnowledgeFaq')).toBe(0);

    const good = join(dir, 'faq.jsonl');
    await writeFile(
      good,
      [
        { id: 'juminhyo', question: '住民票の写しはどこで取れますか', answer: '区役所の市民課とコンビニで取れます。' },
        { id: 'inkan', question: '印鑑登録をしたい', answer: '登録する印鑑と本人確認書類を持って区役所へ。' },
        { id: 'gomi', question: '粗大ごみの出し方', answer: '電話かインターネットで申し込んでください。' },
      ]
        .map((entry) => JSON.stringify(entry))
        .join('\n'),
    );
    expect(await output(() => kbCommand.run(['import', good], ctx))).toBe(
      'imported 3 FAQ entries as drafts for review (3 new, 0 updated)',
    );
    const drafts = await host.data(SYSTEM, 'knowledge').list('KnowledgeFaq', { filter: { status: { eq: 'draft' } } });
    expect(drafts).toHaveLength(3);
    expect(await output(() => kbCommand.run(['import', good, '--publish'], ctx))).toBe(
      'imported 3 FAQ entries as published (0 new, 3 updated)',
    );
    const audit = await host.request('GET', '/api/audit?limit=50', { as: 'admin' });
    expect(JSON.stringify(audit.body)).toContain('knowledge.publishOnImport');
    // A later import without --publish leaves the published entries online, unchanged.
    expect(await output(() => kbCommand.run(['import', good], ctx))).toBe(
      'imported 3 FAQ entries as drafts for review (0 new, 0 updated, 3 published left unchanged)',
    );
    expect(await host.data(SYSTEM, 'knowledge').count('KnowledgeFaq', { status: { eq: 'published' } })).toBe(3);
    const queries = join(dir, 'queries.jsonl');
    await writeFile(
      queries,
      [
        { id: 'q1', query: 'じゅうみんひょう どこでとれる', answer_id: 'juminhyo' },
        { id: 'q2', query: 'はんこの登録', answer_id: 'inkan' },
      ]
        .map((entry) => JSON.stringify(entry))
        .join('\n'),
    );
    const table = await output(() => kbCommand.run(['eval', queries], ctx));
    expect(table).toMatch(/embedded Japanese search\s+2\s+1\.000\s+1\.000\s+1\.000/);
    expect(table).toContain('bigram TF-IDF baseline');
    const json = JSON.parse(await output(() => kbCommand.run(['eval', queries, '--json'], ctx)));
    expect(json.queries.map((query: { rank: number }) => query.rank)).toEqual([1, 1]);
  });

  it('imports documents as passages and reports one that fails while the others go on', async () => {
    const ctx = host.context('knowledge');
    const manual = join(dir, 'manual.md');
    await writeFile(manual, '# 窓口マニュアル\n\n## 転入届\n\n本人確認書類を確認する。\n');
    const broken = join(dir, 'broken.pdf');
    await writeFile(broken, '%PDF-1.4 not really');
    const leaflet = join(dir, 'leaflet.pdf');
    await writeFile(leaflet, await buildPdf([['Bulky waste collection'], ['A sofa costs 800 yen.']]));
    const handbook = join(dir, 'handbook.docx');
    await writeFile(handbook, await buildDocx([{ heading: 1, text: '粗大ごみ' }, { text: '電話で申し込む。' }]));
    const lines = await output(() => kbCommand.run(['docs', broken, manual, leaflet, handbook], ctx));
    expect(lines).toContain('failed');
    expect(lines).toContain('imported');
    process.exitCode = 0;
    const pages = await host
      .data(SYSTEM, 'knowledge')
      .list('KnowledgeArticle', { filter: { source: { eq: 'leaflet.pdf' } } });
    expect(pages.map((page) => [page.page, page.title]).sort()).toEqual([
      [1, 'leaflet.pdf p.1'],
      [2, 'leaflet.pdf p.2'],
    ]);
    const [section] = await host
      .data(SYSTEM, 'knowledge')
      .list('KnowledgeArticle', { filter: { source: { eq: 'handbook.docx' } } });
    expect(section).toMatchObject({ section: '粗大ごみ', body: '電話で申し込む。' });
    const [article] = await host
      .data(SYSTEM, 'knowledge')
      .list('KnowledgeArticle', { filter: { source: { eq: 'manual.md' } } });
    expect(article).toMatchObject({ section: '窓口マニュアル > 転入届', classification: 'staff', status: 'published' });
  });

  it('lists the sources in the catalogue for staff only', async () => {
    const staff = await host.signInAs('staff', 'catalogue-clerk', []);
    const response = await staff.request('GET', '/api/plugins/knowledge/catalogue');
    expect(response.status).toBe(200);
    const sources = (response.body as { sources: Array<{ entity: string; source: string; records: number }> }).sources;
    expect(sources).toContainEqual(
      expect.objectContaining({ entity: 'KnowledgeArticle', source: 'manual.md', records: 1 }),
    );
    expect(
      sources.filter((source) => source.entity === 'KnowledgeFaq').reduce((sum, source) => sum + source.records, 0),
    ).toBe(3);
    const resident = await host.signInAs('resident', 'curious', []);
    expect((await resident.request('GET', '/api/plugins/knowledge/catalogue')).status).toBe(403);
  });

  it('imports a 5374 guide and evaluates sorting questions', async () => {
    const ctx = host.context('knowledge');
    const guide = join(dir, 'guide');
    await writeFile(join(dir, 'placeholder'), '');
    await import('node:fs/promises').then((fs) => fs.mkdir(guide));
    await writeFile(
      join(guide, 'target.csv'),
      'type,name,notice,furigana\n有害ごみ,乾電池,,か\n可燃性粗大ごみ,ソファー（布類）,,そ\n不燃ごみ,傘,,か\n',
    );
    await writeFile(join(guide, 'area_days.csv'), '地区,センター,有害ごみ,不燃ごみ\n本町,,水3,火1\n');
    expect(await output(() => gomiCommand.run(['import', '--format', '5374', guide, '--city', '本市'], ctx))).toContain(
      'imported 3 items and 1 areas',
    );
    const questions = join(dir, 'gomi.jsonl');
    await writeFile(
      questions,
      [
        { item: 'かんでんち', expected_category: '有害ごみ', city: '本市' },
        { item: 'ソファーは何ごみ？', expected_category: '可燃性粗大ごみ', city: '本市' },
        { item: 'かさ', expected_category: '不燃ごみ', city: '本市' },
      ]
        .map((entry) => JSON.stringify(entry))
        .join('\n'),
    );
    expect(await output(() => gomiCommand.run(['eval', questions], ctx))).toMatch(
      /accuracy@1 {2}embedded Japanese search 1\.000/,
    );
  });
});
