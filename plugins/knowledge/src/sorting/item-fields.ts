import type { FieldName } from '../search/index.ts';

/**
 * An item's searchable fields: the name without its parenthetical as the title (ペットボトル), the
 * parenthetical and the synonyms as keywords (飲料・酒・しょうゆ類), the notes as the body.
 */
export function itemFields(item: {
  name: string;
  synonyms?: string[];
  notes?: string;
  reading?: string;
}): Partial<Record<FieldName, string>> {
  const normal = item.name.normalize('NFKC');
  const qualifiers = [...normal.matchAll(/\(([^)]*)\)/gu)].map((match) => match[1] ?? '');
  const title = normal.replace(/\([^)]*\)/gu, ' ').trim() || normal;
  const reading = item.reading && item.reading.length > 1 ? item.reading : '';
  return {
    title,
    keywords: [...qualifiers, ...(item.synonyms ?? []), reading].filter(Boolean).join(' '),
    body: item.notes ?? '',
  };
}
