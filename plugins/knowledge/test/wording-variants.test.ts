import { beforeAll, describe, expect, it } from 'vitest';
import { withoutOkurigana } from '../src/search/analyzer.ts';
import { JapaneseSearch } from '../src/search/index.ts';
import { numberReading } from '../src/search/number-reading.ts';

type Meta = { kind: string };

describe('wording variants the search folds together', () => {
  let search: JapaneseSearch<Meta>;

  beforeAll(async () => {
    search = await JapaneseSearch.create<Meta>();
    const add = (id: string, title: string, body = '') =>
      search.add({ id, fields: { title, body }, meta: { kind: 'faq' } });
    add('squad-5', '消防団第５分団車庫・詰所');
    add('squad-16', '消防団第16分団車庫・詰所');
    add('squad-3', '消防団第3分団車庫・詰所');
    add('pickup', '証明書の受取', '窓口で受取できます。');
    add('apply', '証明書の申請', '郵送で申請できます。');
    add('venue', 'マイナンバーカードの交付', '交付の会場は区役所の窓口です。');
    add('fee', 'マイナンバーカードの交付', '交付の手数料は無料です。');
  });

  const top = (query: string) => search.search(query, { limit: 3 }).map((hit) => hit.id);

  it('reads numbers as they are said, so a number typed in kana meets digits', () => {
    expect(numberReading('16')).toBe('じゅうろく');
    expect(numberReading('300')).toBe('さんひゃく');
    expect(numberReading('2024')).toBe('にせんにじゅうよん');
    expect(top('しょうぼうだん だいじゅうろくぶんだん')[0]).toBe('squad-16');
    expect(top('しょうぼうだん だいさんぶんだん')[0]).toBe('squad-3');
  });

  it('folds okurigana, so 受け取り meets 受取', () => {
    expect(withoutOkurigana('受け取る')).toBe('受取');
    expect(withoutOkurigana('申し込み')).toBe('申込');
    expect(withoutOkurigana('捨てる')).toBe('捨てる');
    expect(top('証明書を受け取りたい')[0]).toBe('pickup');
  });

  it('prefers the answer that answers the question word (どこ → 会場, いくら → 手数料)', () => {
    expect(top('マイナンバーカードの交付はどこ')[0]).toBe('venue');
    expect(top('マイナンバーカードの交付はいくら')[0]).toBe('fee');
  });

  it('ends a word before a conjugated auxiliary (届きました is 届き, not 「届きまし」)', () => {
    const { grams } = search.analyzer.analyze('通知カードが届きました。住所は変わっていませんでした');
    expect(grams).toContain('届き');
    expect(grams).not.toContain('きま');
    expect(grams).not.toContain('まし');
    expect(grams).not.toContain('んで');
  });

  it('finds a word typed with one kana wrong', () => {
    expect(top('しょうめいしょ しんせえ')).toContain('apply');
  });
});
