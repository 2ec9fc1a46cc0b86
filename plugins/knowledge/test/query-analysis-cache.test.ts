import { describe, expect, it } from 'vitest';
import { JapaneseSearch } from '../src/search/index.ts';

/** The search keeps the analysis of recent query texts; what it depends on must clear it. */
describe('the kept analysis of a query', () => {
  it('is dropped when the synonyms change: a query asked before finds what the new synonyms bring in', async () => {
    const search = await JapaneseSearch.create<{ id: string }>();
    search.add({ id: 'bulky', fields: { title: '粗大ごみの出し方' }, meta: { id: 'bulky' } });
    search.add({ id: 'resident', fields: { title: '住民票の写しの請求' }, meta: { id: 'resident' } });
    expect(search.search('ソファー')).toEqual([]);
    search.setSynonyms([['ソファー', '粗大ごみ']]);
    expect(search.search('ソファー').map((hit) => hit.id)).toEqual(['bulky']);
    search.setSynonyms([]);
    expect(search.search('ソファー')).toEqual([]);
  });
});
