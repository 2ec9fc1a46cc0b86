import { beforeAll, describe, expect, it } from 'vitest';
import { foldSound, highlight, JapaneseSearch, toHiragana } from '../src/search/index.ts';

type Meta = { kind: string };

describe('the embedded Japanese search', () => {
  let search: JapaneseSearch<Meta>;

  beforeAll(async () => {
    search = await JapaneseSearch.create<Meta>({ synonyms: [['携帯電話', 'ケータイ', 'スマホ']] });
    const add = (id: string, title: string, body = '') =>
      search.add({ id, fields: { title, body }, meta: { kind: 'faq' } });
    add('battery', '乾電池', '透明な袋に入れて有害ごみの日に出してください。');
    add('fridge', '冷蔵庫', '家電リサイクル法の対象です。販売店に引き取りを依頼してください。');
    add('phone', '携帯電話の回収', '小型家電として回収します。');
    add('card-lost', 'マイナンバーカードを紛失した場合', 'コールセンターに連絡して一時停止してください。');
    add('card-fee', 'マイナンバーカードの手数料', '初回の交付は無料です。紛失による再交付は有料です。');
    add('tax', '住民税の納付方法', '口座振替、コンビニ、窓口で納付できます。');
  });

  const top = (query: string) => search.search(query, { limit: 3 }).map((hit) => hit.id);

  it('finds kanji words typed in hiragana through their readings', () => {
    expect(top('かんでんち')[0]).toBe('battery');
    expect(top('れいぞうこ')[0]).toBe('fridge');
    expect(top('レイゾウコ')[0]).toBe('fridge');
  });

  it('expands a staff synonym (ケータイ → 携帯電話)', () => {
    expect(top('ケータイ')[0]).toBe('phone');
    expect(top('けーたいを捨てたい')[0]).toBe('phone');
  });

  it('tolerates typos and long-vowel spellings', () => {
    expect(top('マイナンバカード ふんしつ')[0]).toBe('card-lost');
    expect(top('まいなんばーかーど なくした')).toContain('card-lost');
  });

  it('ignores the casual wrapping of a question', () => {
    expect(top('住民税はどうやって払えばいいですか')[0]).toBe('tax');
    expect(top('マイナンバーカードを紛失したらどうすればいいですか？')[0]).toBe('card-lost');
  });

  it('ranks a match in the question above one in the answer', () => {
    // 紛失 is in card-lost's question and only in card-fee's answer.
    expect(top('紛失')[0]).toBe('card-lost');
  });

  it('finds nothing for symbols only, and searches the start of a very long query', () => {
    expect(search.search('？！＃＄％……', {})).toEqual([]);
    expect(top(`冷蔵庫${'。'.repeat(10_000)}`)[0]).toBe('fridge');
  });

  it('forgets a removed document', () => {
    search.add({ id: 'temporary', fields: { title: '犬の登録' }, meta: { kind: 'faq' } });
    expect(top('いぬのとうろく')[0]).toBe('temporary');
    expect(search.remove('temporary')).toBe(true);
    expect(top('いぬのとうろく')).not.toContain('temporary');
  });

  it('stays right after compacting the postings of many removed documents', async () => {
    const many = await JapaneseSearch.create<Meta>();
    for (let index = 0; index < 3000; index++)
      many.add({ id: `d${index}`, fields: { title: `お知らせ第${index}号` }, meta: { kind: 'faq' } });
    many.add({ id: 'fridge', fields: { title: '冷蔵庫の処分' }, meta: { kind: 'faq' } });
    for (let index = 0; index < 2500; index++) many.remove(`d${index}`);
    expect(many.size).toBe(501);
    expect(many.search('れいぞうこ', { limit: 1 })[0]?.id).toBe('fridge');
    expect(many.search('お知らせ第10号', { limit: 3 }).map((hit) => hit.id)).not.toContain('d10');
    many.add({ id: 'd10', fields: { title: 'お知らせ第10号' }, meta: { kind: 'faq' } });
    expect(many.search('お知らせ第10号', { limit: 1 })[0]?.id).toBe('d10');
  });

  it('filters hits by their metadata', () => {
    expect(search.search('乾電池', { accept: (meta) => meta.kind === 'article' })).toEqual([]);
  });
});

describe('kana normalisation', () => {
  it('turns katakana into hiragana and folds long vowels by sound', () => {
    expect(toHiragana('ソファー')).toBe('そふぁー');
    expect(foldSound('けーたい')).toBe(foldSound('けいたい'));
    expect(foldSound('れいぞうこ')).toBe(foldSound('れーぞーこ'));
    expect(foldSound('そふぁー')).toBe(foldSound('そふぁ'));
  });

  it('marks the matched words of the best passage', () => {
    const segments = highlight('前の文です。乾電池は有害ごみの日に出してください。', ['乾電池']);
    expect(segments.filter((segment) => segment.match).map((segment) => segment.text)).toEqual(['乾電池']);
    expect(segments.map((segment) => segment.text).join('')).toBe('乾電池は有害ごみの日に出してください。');
  });
});
