import { ImportError, type ImportProblem } from '../shared/import-error.ts';

export interface FaqQuery {
  id: string;
  query: string;
  answer_id: string;
  alt_answer_ids?: string[];
}

export interface SortingQuery {
  item: string;
  expected_category: string;
  city: string;
}

function readLines<T>(text: string, file: string, check: (value: Record<string, unknown>) => string | null): T[] {
  const problems: ImportProblem[] = [];
  const out: T[] = [];
  text.split(/\r?\n/u).forEach((raw, index) => {
    if (!raw.trim()) return;
    try {
      const value = JSON.parse(raw) as Record<string, unknown>;
      const problem = typeof value === 'object' && value !== null ? check(value) : 'expected an object';
      if (problem) problems.push({ file, line: index + 1, message: problem });
      else out.push(value as T);
    } catch (error) {
      problems.push({ file, line: index + 1, message: `not JSON: ${(error as Error).message}` });
    }
  });
  if (problems.length > 0) throw new ImportError(problems);
  return out;
}

const isText = (value: unknown) => typeof value === 'string' && value.trim() !== '';

/** JSONL of `{id, query, answer_id, alt_answer_ids?}`. */
export function parseFaqQueries(text: string, file: string): FaqQuery[] {
  return readLines<FaqQuery>(text, file, (value) => {
    // Integer ids are taken as their decimal text, as the FAQ import does.
    for (const name of ['id', 'answer_id'] as const)
      if (Number.isInteger(value[name])) value[name] = String(value[name]);
    if (Array.isArray(value.alt_answer_ids))
      value.alt_answer_ids = value.alt_answer_ids.map((alt) => (Number.isInteger(alt) ? String(alt) : alt));
    if (!isText(value.id) || !isText(value.query) || !isText(value.answer_id))
      return 'id, query and answer_id must be non-empty strings';
    const alts = value.alt_answer_ids;
    if (alts !== undefined && !(Array.isArray(alts) && alts.every(isText)))
      return 'alt_answer_ids must be a list of strings';
    return null;
  });
}

/** JSONL of `{item, expected_category, city}`. */
export function parseSortingQueries(text: string, file: string): SortingQuery[] {
  return readLines<SortingQuery>(text, file, (value) =>
    isText(value.item) && isText(value.expected_category) && isText(value.city)
      ? null
      : 'item, expected_category and city must be non-empty strings',
  );
}
