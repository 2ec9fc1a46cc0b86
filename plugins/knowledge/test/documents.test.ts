import { describe, expect, it } from 'vitest';
import { documentPassages, htmlPassages, markdownPassages } from '../src/documents/passages.ts';

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
    expect(() => documentPassages('manual.docx', '')).toThrow('only Markdown (.md) and HTML (.html)');
  });
});
