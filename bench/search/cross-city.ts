import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { evaluateRanking } from '../../plugins/knowledge/src/eval/evaluate.ts';
import type { FaqQuery } from '../../plugins/knowledge/src/eval/query-sets.ts';
import {
  BigramTfidfBaseline,
  JapaneseSearch,
  type RankingMetrics,
  type SynonymGroup,
  toHiragana,
} from '../../plugins/knowledge/src/search/index.ts';
import { parseColumnMapping, readMappedCsv } from '../../plugins/knowledge/src/sorting/mapped-csv.ts';

const corpusDir = new URL('../../plugins/knowledge/eval/corpus/', import.meta.url);

export interface CrossCityDocument {
  id: string;
  title: string;
  body: string;
}

export interface CrossCitySet {
  name: string;
  documents: CrossCityDocument[];
  queries: FaqQuery[];
}

/**
 * Query sets built mechanically from data the ranking was never tuned on, with questions the
 * city's own staff wrote rather than ones written for this search: the kana readings that
 * Yaizu's facility list and Kobe's garbage guide publish beside each name (indexed without
 * them), the same readings with one deterministic typo, and the keywords Kobe lists for each
 * item (a resident's other word for it). Every document of the same name is a right answer.
 */
export function crossCitySets(): CrossCitySet[] {
  const yaizu = yaizuFacilities();
  const kobe = kobeGarbage();
  return [
    { name: 'yaizu facilities, kana reading', documents: yaizu.documents, queries: yaizu.readings },
    { name: 'yaizu facilities, reading + typo', documents: yaizu.documents, queries: yaizu.readings.map(withTypo) },
    { name: 'kobe garbage, kana reading', documents: kobe.documents, queries: kobe.readings },
    { name: 'kobe garbage, reading + typo', documents: kobe.documents, queries: kobe.readings.map(withTypo) },
    { name: 'kobe garbage, city keywords', documents: kobe.documents, queries: kobe.keywords },
  ];
}

/** The embedded search (shipped synonyms, default weights) and the bigram baseline on one set. */
export async function evaluateCrossCity(
  set: CrossCitySet,
  synonyms: SynonymGroup[],
): Promise<{ mine: RankingMetrics; floor: RankingMetrics }> {
  const search = await JapaneseSearch.create<{ id: string }>({ synonyms });
  const baseline = new BigramTfidfBaseline();
  for (const document of set.documents) {
    search.add({ id: document.id, fields: { title: document.title, body: document.body }, meta: { id: document.id } });
    baseline.add(document.id, `${document.title}\n${document.body}`);
  }
  const mine = evaluateRanking(set.queries, (query) => search.search(query, { limit: 10 }).map((hit) => hit.id));
  const floor = evaluateRanking(set.queries, (query) => baseline.search(query, 10).map((hit) => hit.id));
  return { mine: mine.metrics, floor: floor.metrics };
}

function yaizuFacilities() {
  const documents: CrossCityDocument[] = [];
  const byName = new Map<string, { ids: string[]; reading: string }>();
  for (const file of ['222127_public_facility.csv', '222127_preschool.csv', '222127_hinannjo.csv']) {
    const rows = parse(readFileSync(new URL(`facilities-yaizu/${file}`, corpusDir)), {
      columns: true,
      bom: true,
      skip_empty_lines: true,
    }) as Array<Record<string, string>>;
    rows.forEach((row, index) => {
      const name = row.名称?.trim();
      if (!name) return;
      const id = `${file}#${index}`;
      const body = [row.住所, row.種別, row.説明, row.利用可能日時特記事項, row.団体名].filter(Boolean).join('\n');
      documents.push({ id, title: name, body });
      const entry = byName.get(name) ?? { ids: [], reading: toHiragana(row.名称_カナ?.trim() ?? '') };
      entry.ids.push(id);
      byName.set(name, entry);
    });
  }
  const readings: FaqQuery[] = [];
  for (const [name, { ids, reading }] of byName) {
    if (reading) readings.push(queryOf(`yaizu:${name}`, reading, ids));
  }
  return { documents, readings };
}

function kobeGarbage() {
  const raw = readFileSync(new URL('gomi-kobe/gomikubunn.csv', corpusDir));
  const withReadings = readMappedCsv(
    raw,
    'gomikubunn.csv',
    '神戸市',
    parseColumnMapping('name=品目,reading=よみ・ひらがな,synonyms=キーワード,category=ごみ区分,notes=説明文'),
    {},
  );
  const documents: CrossCityDocument[] = [];
  const byName = new Map<string, { ids: string[]; reading: string; keywords: string[] }>();
  withReadings.items.forEach((item, index) => {
    const id = `kobe-gomi-${index}`;
    documents.push({ id, title: item.name, body: item.notes ?? '' });
    const entry = byName.get(item.name) ?? { ids: [], reading: item.reading ?? '', keywords: item.synonyms };
    entry.ids.push(id);
    byName.set(item.name, entry);
  });
  const readings: FaqQuery[] = [];
  const keywords: FaqQuery[] = [];
  for (const [name, { ids, reading, keywords: words }] of byName) {
    if (reading && reading !== name) readings.push(queryOf(`kobe:${name}`, reading, ids));
    // Readings of the name itself (せんまいどおし beside 千枚通し) would test nothing new.
    const others = words.filter((word) => !/^[\u3041-\u309fー]+$/u.test(word) && word !== name);
    for (const [index, word] of others.entries()) keywords.push(queryOf(`kobe:${name}:${index}`, word, ids));
  }
  return { documents, readings, keywords };
}

function queryOf(id: string, query: string, ids: string[]): FaqQuery {
  const [answer, ...alternatives] = ids;
  return { id, query, answer_id: answer ?? '', alt_answer_ids: alternatives };
}

/** One character of a reading longer than four replaced by its neighbour in the kana table. */
function withTypo(query: FaqQuery): FaqQuery {
  const chars = Array.from(query.query);
  if (chars.length <= 4) return query;
  const at = Math.floor(chars.length / 2);
  const code = chars[at]?.codePointAt(0) ?? 0;
  chars[at] = String.fromCodePoint(code >= 0x3041 && code < 0x3093 ? code + 1 : code);
  return { ...query, query: chars.join('') };
}
