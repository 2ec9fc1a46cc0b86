import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { ImportError, type ImportProblem } from '../shared/import-error.ts';
import { decodeCityText } from '../shared/text-decoding.ts';
import { type CollectionRule, parseCollectionDays } from './collection-days.ts';

/** One entry of a city's sorting dictionary. */
export interface SortingItem {
  name: string;
  category: string;
  notes: string;
  /** Kana reading or its first letter, as the city gives it. */
  reading: string;
  synonyms: string[];
}

export interface CollectionArea {
  name: string;
  center: string;
  /** Category → rules of its collection days. */
  days: Record<string, CollectionRule[]>;
}

export interface SortingGuide {
  city: string;
  items: SortingItem[];
  areas: CollectionArea[];
  categories: string[];
  /** Periods a collection centre does not collect (new year). */
  closures: Array<{ center: string; start: string; end: string }>;
  encodings: Record<string, string>;
}

async function readCsv(dir: string, file: string, encodings: Record<string, string>, required = true) {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(join(dir, file));
  } catch (error) {
    if (!required) return [];
    throw new ImportError([{ file, line: 0, message: `cannot read: ${(error as Error).message}` }]);
  }
  let decoded: ReturnType<typeof decodeCityText>;
  try {
    decoded = decodeCityText(bytes, file);
  } catch (error) {
    throw new ImportError([{ file, line: 0, message: (error as Error).message }]);
  }
  encodings[file] = decoded.encoding;
  try {
    return parse(decoded.text, { bom: true, skip_empty_lines: true, relax_column_count: true }) as string[][];
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 0;
    throw new ImportError([{ file, line, message: (error as Error).message }]);
  }
}

function isoDate(text: string): string | null {
  const match = /^(\d{4})[/-](\d{1,2})[/-](\d{1,2})$/.exec(text.trim());
  if (!match) return null;
  return `${match[1]}-${(match[2] as string).padStart(2, '0')}-${(match[3] as string).padStart(2, '0')}`;
}

/**
 * Reads a directory in the 5374 format (`target.csv`, `area_days.csv`, `description.csv`,
 * optional `center.csv`), UTF-8 or Shift_JIS. Every problem is collected with its file and
 * line; any problem refuses the whole guide.
 */
export async function read5374(dir: string, city: string): Promise<SortingGuide> {
  const encodings: Record<string, string> = {};
  const problems: ImportProblem[] = [];
  const targets = await readCsv(dir, 'target.csv', encodings);
  const areaRows = await readCsv(dir, 'area_days.csv', encodings);
  const descriptions = await readCsv(dir, 'description.csv', encodings, false);
  const centers = await readCsv(dir, 'center.csv', encodings, false);

  const categories = descriptions
    .slice(1)
    .map((row) => (row[0] ?? '').trim())
    .filter(Boolean);
  const items: SortingItem[] = [];
  targets.slice(1).forEach((row, index) => {
    const [category = '', name = '', notes = '', reading = ''] = row.map((cell) => cell.trim());
    if (!category || !name)
      problems.push({ file: 'target.csv', line: index + 2, message: 'category and name are required' });
    else items.push({ name, category, notes, reading, synonyms: [] });
  });
  const header = areaRows[0] ?? [];
  const areas: CollectionArea[] = [];
  areaRows.slice(1).forEach((row, index) => {
    const [name = '', center = ''] = row.map((cell) => cell.trim());
    if (!name) {
      problems.push({ file: 'area_days.csv', line: index + 2, message: 'area name is required' });
      return;
    }
    const days: Record<string, CollectionRule[]> = {};
    for (let column = 2; column < header.length; column++) {
      const category = (header[column] ?? '').trim();
      try {
        days[category] = parseCollectionDays(row[column] ?? '');
      } catch (error) {
        problems.push({ file: 'area_days.csv', line: index + 2, message: `${category}: ${(error as Error).message}` });
      }
    }
    areas.push({ name, center, days });
  });
  const closures: SortingGuide['closures'] = [];
  centers.slice(1).forEach((row, index) => {
    const start = isoDate(row[1] ?? '');
    const end = isoDate(row[2] ?? '');
    if (!start || !end)
      problems.push({ file: 'center.csv', line: index + 2, message: 'start and end must be dates (YYYY/M/D)' });
    else closures.push({ center: (row[0] ?? '').trim(), start, end });
  });
  if (items.length === 0 && problems.length === 0) problems.push({ file: 'target.csv', line: 1, message: 'no items' });
  if (problems.length > 0) throw new ImportError(problems);
  for (const item of items) if (!categories.includes(item.category)) categories.push(item.category);
  return { city, items, areas, categories, closures, encodings };
}
