import { describe, expect, it } from 'vitest';
import { embeddedSearch } from '../src/search/embedded-adapter.ts';
import { meilisearchSearch } from '../src/search/meilisearch-adapter.ts';
import type { FilterableMeta, SearchPort } from '../src/search/port.ts';

type Meta = FilterableMeta & { title: string };

/** The same contract for both adapters of the search port; Meilisearch only when a server is named. */
async function contract(port: SearchPort<Meta>) {
  await port.put([
    {
      id: 'KnowledgeFaq:1',
      fields: { title: '携帯電話の回収', body: '小型家電として回収します。' },
      meta: { kind: 'faq', classification: 'public', title: '携帯電話の回収' },
    },
    {
      id: 'KnowledgeFaq:2',
      fields: { title: '携帯電話の紛失時の職員対応', body: '職員向けの手順。' },
      meta: { kind: 'faq', classification: 'staff', title: '職員対応' },
    },
    {
      id: 'SortingItem:1',
      fields: { title: '携帯電話' },
      meta: { kind: 'sorting', classification: 'public', city: '本市', title: '携帯電話' },
    },
  ]);
  await port.setSynonyms([['携帯電話', 'スマホ']]);
  const publicOnly = await port.search('携帯電話', { filter: { classifications: ['public'] } });
  expect(publicOnly.map((hit) => hit.id).sort()).toEqual(['KnowledgeFaq:1', 'SortingItem:1']);
  const otherCity = await port.search('携帯電話', { filter: { kinds: ['sorting'], city: '別市' } });
  expect(otherCity).toEqual([]);
  expect((await port.search('スマホ', { filter: { kinds: ['faq'], classifications: ['public'] } }))[0]?.id).toBe(
    'KnowledgeFaq:1',
  );
  await port.remove(['KnowledgeFaq:1']);
  expect((await port.search('携帯電話', { filter: { kinds: ['faq'] } })).map((hit) => hit.id)).toEqual([
    'KnowledgeFaq:2',
  ]);
}

describe('the search port', () => {
  it('holds for the embedded adapter', async () => {
    await contract(await embeddedSearch<Meta>());
  });

  it.skipIf(!process.env.KIBAN_MEILI_URL)('holds for the Meilisearch adapter (KIBAN_MEILI_URL)', async () => {
    const url = process.env.KIBAN_MEILI_URL as string;
    await contract(
      await meilisearchSearch<Meta>({ url, apiKey: process.env.KIBAN_MEILI_KEY, index: `kiban-test-${Date.now()}` }),
    );
  });
});
