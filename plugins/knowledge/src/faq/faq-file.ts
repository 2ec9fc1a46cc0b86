import { parse } from 'csv-parse/sync';
import { ImportError, type ImportProblem } from '../shared/import-error.ts';

/** One FAQ entry of an import file. */
export interface FaqEntry {
  id: string;
  question: string;
  answer: string;
  url?: string;
  category?: string;
}

const FIELDS = ['id', 'question', 'answer', 'url', 'category'] as const;

function checkEntry(value: unknown, file: string, line: number, problems: ImportProblem[]): FaqEntry | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.push({ file, line, message: 'expected an object {id, question, answer, url?, category?}' });
    return null;
  }
  const record = value as Record<string, unknown>;
  const bad = (message: string) => {
    problems.push({ file, line, message });
    return null;
  };
  // Many published FAQ files number their entries: an integer id is taken as its decimal text.
  if (Number.isInteger(record.id)) record.id = String(record.id);
  for (const name of ['id', 'question', 'answer'] as const) {
    if (typeof record[name] !== 'string' || !(record[name] as string).trim())
      return bad(`"${name}" must be a non-empty string`);
  }
  for (const name of ['url', 'category'] as const) {
    if (record[name] !== undefined && record[name] !== null && typeof record[name] !== 'string')
      return bad(`"${name}" must be a string`);
  }
  const entry: FaqEntry = {
    id: String(record.id).trim(),
    question: String(record.question),
    answer: String(record.answer),
  };
  if (typeof record.url === 'string' && record.url) entry.url = record.url;
  if (typeof record.category === 'string' && record.category) entry.category = record.category;
  return entry;
}

function checkUnique(entries: Array<{ entry: FaqEntry; line: number }>, file: string, problems: ImportProblem[]) {
  const seen = new Map<string, number>();
  for (const { entry, line } of entries) {
    const first = seen.get(entry.id);
    if (first !== undefined) problems.push({ file, line, message: `id "${entry.id}" is also on line ${first}` });
    else seen.set(entry.id, line);
  }
}

/**
 * Reads FAQ entries from JSONL (one object a line) or CSV (header `id,question,answer[,url][,category]`).
 * Every problem is reported with its line; any problem refuses the whole file.
 */
export function parseFaqFile(text: string, file: string): FaqEntry[] {
  const problems: ImportProblem[] = [];
  const entries: Array<{ entry: FaqEntry; line: number }> = [];
  const body = text.replace(/^\uFEFF/u, '');
  if (/\.csv$/iu.test(file)) {
    let rows: string[][];
    try {
      rows = parse(body, { relax_column_count: false, skip_empty_lines: true }) as string[][];
    } catch (error) {
      throw new ImportError([
        { file, line: (error as { lines?: number }).lines ?? 0, message: (error as Error).message },
      ]);
    }
    const header = (rows[0] ?? []).map((cell) => cell.trim());
    const missing = ['id', 'question', 'answer'].filter((name) => !header.includes(name));
    if (missing.length > 0)
      throw new ImportError([{ file, line: 1, message: `the header lacks ${missing.join(', ')}` }]);
    rows.slice(1).forEach((row, index) => {
      const object = Object.fromEntries(
        FIELDS.filter((name) => header.includes(name)).map((name) => [name, row[header.indexOf(name)]]),
      );
      const entry = checkEntry(object, file, index + 2, problems);
      if (entry) entries.push({ entry, line: index + 2 });
    });
  } else {
    body.split(/\r?\n/u).forEach((raw, index) => {
      if (!raw.trim()) return;
      let value: unknown;
      try {
        value = JSON.parse(raw);
      } catch (error) {
        problems.push({ file, line: index + 1, message: `not JSON: ${(error as Error).message}` });
        return;
      }
      const entry = checkEntry(value, file, index + 1, problems);
      if (entry) entries.push({ entry, line: index + 1 });
    });
  }
  checkUnique(entries, file, problems);
  if (entries.length === 0 && problems.length === 0) problems.push({ file, line: 1, message: 'no entries' });
  if (problems.length > 0) throw new ImportError(problems);
  return entries.map(({ entry }) => entry);
}
