import { parse } from 'csv-parse/sync';
import { ImportError, type ImportProblem } from '../shared/import-error.ts';
import { decodeCityText } from '../shared/text-decoding.ts';
import type { SortingGuide, SortingItem } from './format-5374.ts';

/** Which column holds what: `name` and `category` are required. */
export interface ColumnMapping {
  name: string;
  category: string;
  reading?: string;
  synonyms?: string;
  notes?: string;
}

/** `name=品目,category=ごみ区分,reading=よみ` → a mapping; unknown keys are an error. */
export function parseColumnMapping(text: string): ColumnMapping {
  const mapping: Record<string, string> = {};
  for (const pair of text.split(',')) {
    const [key = '', column = ''] = pair.split('=').map((part) => part.trim());
    if (!['name', 'category', 'reading', 'synonyms', 'notes'].includes(key) || !column)
      throw new Error(`bad column mapping "${pair}"`);
    mapping[key] = column;
  }
  if (!mapping.name || !mapping.category) throw new Error('the column mapping needs name=… and category=…');
  return mapping as unknown as ColumnMapping;
}

/**
 * A sorting dictionary from any CSV: the header is the first line whose cells include the
 * mapped name and category columns (lines before it, such as a code table, are skipped);
 * category codes are renamed by `categoryNames` (`1` → 缶・びん・ペットボトル). Any problem refuses the file.
 */
export function readMappedCsv(
  bytes: Uint8Array,
  file: string,
  city: string,
  mapping: ColumnMapping,
  categoryNames: Record<string, string> = {},
): SortingGuide {
  const { text, encoding } = decodeCityText(bytes, file);
  const rows = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: false }) as string[][];
  const headerIndex = rows.findIndex(
    (row) =>
      row.map((cell) => cell.trim()).includes(mapping.name) &&
      row.map((cell) => cell.trim()).includes(mapping.category),
  );
  if (headerIndex < 0)
    throw new ImportError([
      { file, line: 1, message: `no header line with the columns ${mapping.name} and ${mapping.category}` },
    ]);
  const header = (rows[headerIndex] ?? []).map((cell) => cell.trim());
  const column = (name?: string) => (name ? header.indexOf(name) : -1);
  for (const [key, name] of Object.entries(mapping)) {
    if (column(name) < 0)
      throw new ImportError([{ file, line: headerIndex + 1, message: `no column "${name}" for ${key}` }]);
  }
  const problems: ImportProblem[] = [];
  const items: SortingItem[] = [];
  rows.slice(headerIndex + 1).forEach((row, index) => {
    const cell = (name?: string) => (column(name) >= 0 ? (row[column(name)] ?? '').trim() : '');
    if (row.every((value) => !value.trim())) return;
    const name = cell(mapping.name);
    const code = cell(mapping.category);
    if (!name || !code) {
      problems.push({ file, line: headerIndex + index + 2, message: 'item name and category are required' });
      return;
    }
    const synonyms = cell(mapping.synonyms)
      .split(/[,，、]/u)
      .map((word) => word.trim())
      .filter(Boolean);
    items.push({
      name,
      category: categoryNames[code] ?? code,
      reading: cell(mapping.reading),
      notes: cell(mapping.notes),
      synonyms,
    });
  });
  if (problems.length > 0) throw new ImportError(problems);
  const categories = [...new Set(items.map((item) => item.category))];
  return { city, items, areas: [], categories, closures: [], encodings: { [file]: encoding } };
}
