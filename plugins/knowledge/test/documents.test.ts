import { describe, expect, it } from 'vitest';
import { docxPassages, pdfPassages, readDocumentPassages } from '../src/documents/binary-passages.ts';
import { documentPassages, htmlPassages, markdownPassages } from '../src/documents/passages.ts';
import { buildDocx, buildPdf } from './document-fixtures.ts';

describe('documents split into passages', () => {
  it('keeps the heading path of each Markdown section', () => {
    const passages = markdownPassages(
      '# 窓口対応マニュアル\n\n前書き。\n\n## 転入届\n\n本人確認書類を確認する。\n\n- 運転免許証\n- マイナンバーカード\n\n### 外国人の場合\n\n在留カードを確認する。\n',
    );
    expect(passages).toEqual([
      { section: '窓口対応マニュアル', text: '前書き。', page: undefined },
      {
        section: '窓口対応マニュアル > 転入届',
        text: '本人確認書類を確認する。\n・運転免許証\n・マイナンバーカード',
        page: undefined,
      },
      { section: '窓口対応マニュアル > 転入届 > 外国人の場合', text: '在留カードを確認する。', page: undefined },
    ]);
  });

  it('reads HTML sections and leaves scripts and navigation out', () => {
    const passages = htmlPassages(
      '<html><body><nav>メニュー</nav><h1>粗大ごみ</h1><p>申込みが必要です。</p><script>alert(1)</script><h2>料金</h2><table><tr><td>ソファー</td><td>800円</td></tr></table></body></html>',
    );
    expect(passages.map((passage) => [passage.section, passage.text])).toEqual([
      ['粗大ごみ', '申込みが必要です。'],
      ['粗大ごみ > 料金', 'ソファー\n800円'],
    ]);
  });

  it('cuts a long section at sentence ends and refuses an unknown format', () => {
    const long = `# 長い節\n\n${'これは説明の文です。'.repeat(200)}`;
    const passages = markdownPassages(long);
    expect(passages.length).toBeGreaterThan(1);
    expect(passages.every((passage) => passage.text.length <= 800 && passage.text.endsWith('。'))).toBe(true);
    expect(() => documentPassages('manual.xlsx', '')).toThrow('only PDF (.pdf), Word (.docx), Markdown (.md)');
  });

  it('keeps the page of each PDF passage for citations', async () => {
    const pdf = await buildPdf([
      ['Bulky waste collection', 'Book a pickup by phone.'],
      ['Fees', 'A sofa costs 800 yen.'],
    ]);
    const passages = await pdfPassages(pdf);
    expect(passages.map((passage) => passage.page)).toEqual([1, 2]);
    expect(passages[0]?.text).toContain('Book a pickup by phone.');
    expect(passages[1]?.text).toContain('A sofa costs 800 yen.');
    expect(passages[1]?.text).not.toContain('pickup');
  });

  it('splits a Word document under its headings, Japanese text intact', async () => {
    const docx = await buildDocx([
      { heading: 1, text: '窓口対応マニュアル' },
      { text: '前書き。' },
      { heading: 2, text: '転入届' },
      { text: '本人確認書類を確認する。' },
    ]);
    expect((await docxPassages(docx)).map((passage) => [passage.section, passage.text])).toEqual([
      ['窓口対応マニュアル', '前書き。'],
      ['窓口対応マニュアル > 転入届', '本人確認書類を確認する。'],
    ]);
  });

  it('refuses a PDF that cannot be parsed and a text file that is not UTF-8', async () => {
    await expect(readDocumentPassages('broken.pdf', new TextEncoder().encode('%PDF-1.4 not really'))).rejects.toThrow();
    await expect(readDocumentPassages('manual.md', Uint8Array.of(0x82, 0xa0, 0xff))).rejects.toThrow();
  });
});
