import { beforeAll, describe, expect, it } from 'vitest';
import { JapaneseSearch } from '../src/search/index.ts';
import { DEFAULT_SYNONYMS } from '../src/synonym-source.ts';

type Meta = { kind: string };

/**
 * The shipped dictionary links the everyday verb a resident types to the administrative noun
 * a city writes (集める → 収集, 持ち歩く → 携帯, 〜ないといけない → 義務), in any city's text.
 */
describe('everyday verbs meet administrative nouns through the shipped synonyms', () => {
  let search: JapaneseSearch<Meta>;

  beforeAll(async () => {
    search = await JapaneseSearch.create<Meta>({ synonyms: DEFAULT_SYNONYMS });
    const add = (id: string, title: string) => search.add({ id, fields: { title }, meta: { kind: 'faq' } });
    // One subject throughout: only the verb tells the entries apart.
    add('change', '在留カードの変更');
    add('visit', '在留カードの受付');
    add('collect', '在留カードの収集');
    add('carry', '在留カードの携帯');
    add('duty', '在留カードの届出義務');
    add('use', '在留カードの利用');
  });

  const top = (query: string) => search.search(query, { limit: 3 }).map((hit) => hit.id);

  it('finds the formal word for the casual one', () => {
    expect(top('会社が在留カードを集める')[0]).toBe('collect');
    expect(top('在留カードはいつも持ち歩く？')[0]).toBe('carry');
    expect(top('在留カードを届け出ないといけないの')[0]).toBe('duty');
    expect(top('在留カードを使うには')[0]).toBe('use');
  });
});

describe('a synonym standing in for a word no passage uses', () => {
  it('weighs the city word more while the resident word matches nothing, less once a passage uses it', async () => {
    const search = await JapaneseSearch.create<Meta>({ synonyms: [['集める', '収集']] });
    search.add({ id: 'collect', fields: { title: '個人番号の収集' }, meta: { kind: 'faq' } });
    const standIn = search.buildQuery('番号を集める').words.get('収集') ?? 0;
    search.add({ id: 'gather', fields: { title: '資料を集める' }, meta: { kind: 'faq' } });
    const beside = search.buildQuery('番号を集める').words.get('収集') ?? 0;
    expect(beside).toBeGreaterThan(0);
    expect(standIn).toBeGreaterThan(beside);
  });
});

describe('a synonym written as a phrase', () => {
  it('is mentioned by a query that has its content words in any inflection', async () => {
    const search = await JapaneseSearch.create<Meta>({ synonyms: [['悪用', '悪いことに使う']] });
    expect(search.expansions('番号を悪いことに使われたらどうする')).toContain('悪用');
    expect(search.expansions('番号を使いたい')).not.toContain('悪用');
  });
});

describe('a synonym is heard only where a word of the query starts', () => {
  it('does not hear one inside a word or across a particle, but does in kana the analyser cuts badly', async () => {
    const search = await JapaneseSearch.create<Meta>({ synonyms: DEFAULT_SYNONYMS });
    // 子 inside 電子, かえる inside つかえる, はいる across お金は|いる.
    expect(search.expansions('電子証明書はまだ使える？')).not.toContain('児童');
    expect(search.expansions('電子証明書はまだ使える？')).not.toContain('変更');
    expect(search.expansions('お金はいる？')).not.toContain('入所');
    expect(search.expansions('子どもの手当')).toContain('児童');
    expect(search.expansions('カードの番号をかえる')).toContain('変更');
    expect(search.expansions('保育園に入る')).toContain('入所');
    expect(search.expansions('まいなんばーかーど うけとり ばしょ')).toContain('窓口');
  });
});

describe('a synonym typed in kana for a word the city writes in kanji', () => {
  it('is used already (by its reading), so its synonyms do not stand in for it', async () => {
    const search = await JapaneseSearch.create<Meta>({ synonyms: [['カン', '空き缶']] });
    search.add({ id: 'cans', fields: { title: '缶の出し方' }, meta: { kind: 'faq' } });
    search.add({ id: 'empty', fields: { title: '空き缶' }, meta: { kind: 'faq' } });
    expect(search.buildQuery('カン').readings.get('あきかん')).toBe(0.3);
  });
});

describe('a passage reached only by pieces of synonyms', () => {
  it('is no result, so an unrelated question still finds nothing', async () => {
    const search = await JapaneseSearch.create<Meta>({ synonyms: DEFAULT_SYNONYMS });
    search.add({
      id: 'card',
      fields: {
        title: 'マイナンバーカードを紛失した場合はどうすれば良いですか。',
        body: 'コールセンターに連絡して一時停止してください。',
      },
      meta: { kind: 'faq' },
    });
    // 売る brings in 売却 and 販売, whose reading bigrams (ばい, いき, やく…) meet this passage's.
    expect(search.search('粗大ごみ券 どこで売ってる')).toEqual([]);
    expect(search.search('カード 売却').map((hit) => hit.id)).toEqual(['card']);
  });

  it('is a result when the synonym is a whole short word inside a compound (犬 in 飼い犬)', async () => {
    const search = await JapaneseSearch.create<Meta>({ synonyms: [['ワンちゃん', '犬']] });
    search.add({ id: 'dog', fields: { title: '飼い犬の登録' }, meta: { kind: 'faq' } });
    expect(search.search('ワンちゃん').map((hit) => hit.id)).toEqual(['dog']);
  });
});
