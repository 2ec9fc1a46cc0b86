import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { JapaneseSearch } from '../src/search/index.ts';
import { parseColumnMapping, readMappedCsv } from '../src/sorting/mapped-csv.ts';
import { documentOf, type PassageMeta } from '../src/sources.ts';
import { DEFAULT_SYNONYMS } from '../src/synonym-source.ts';

/**
 * Kobe's garbage dictionary lists other words for each item (キーワード); imported as the item's
 * synonyms, they have to find the item among the first five, whether or not they share a character
 * with its name.
 */
describe("a sorting item's synonyms", () => {
  it("find the item in Kobe's dictionary", async () => {
    const mapping = parseColumnMapping(
      'name=品目,reading=よみ・ひらがな,synonyms=キーワード,category=ごみ区分,notes=説明文',
    );
    const guide = readMappedCsv(
      readFileSync(new URL('../eval/corpus/gomi-kobe/gomikubunn.csv', import.meta.url)),
      'gomikubunn.csv',
      '神戸市',
      mapping,
      {},
    );
    const search = await JapaneseSearch.create<PassageMeta>({ synonyms: DEFAULT_SYNONYMS });
    guide.items.forEach((item, index) => {
      const document = documentOf('SortingItem', {
        ...item,
        id: String(index),
        city: guide.city,
        synonyms: item.synonyms.join(','),
      });
      if (document) search.add(document);
    });
    const withSynonyms = guide.items.flatMap((item, index) => item.synonyms.map((synonym) => ({ synonym, index })));
    expect(withSynonyms.length).toBeGreaterThan(100);
    const missed = withSynonyms.filter(({ synonym, index }) => {
      const found = search.search(synonym, { limit: 5 }).map((hit) => Number(hit.meta.recordId));
      // Several items share a synonym (ペットボトル for bottles and their caps), and an item named with
      // the word (ライター for ライト) answers it as well: any of them counts.
      return !found.some((number) => {
        const item = guide.items[number];
        return number === index || item?.synonyms.includes(synonym) || item?.name.includes(synonym);
      });
    });
    // Measured 650 of 674 (0.964): the misses are words another item's notes use more (ジャケット
    // for 衣服, ライト for 懐中電灯) or an item with a long list of other words (the length norm).
    expect(1 - missed.length / withSynonyms.length).toBeGreaterThanOrEqual(0.95);
  }, 120_000);
});
