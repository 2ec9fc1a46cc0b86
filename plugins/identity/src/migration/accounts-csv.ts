import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';

/** One account of the former online-application system, as its export lists it. */
export interface LegacyAccount {
  id: string;
  email: string;
  name: string;
  kana: string;
  verified: boolean;
}

export interface RowProblem {
  column: string;
  code: string;
  message: { ja: string; en: string };
}

export type ParsedRow = { line: number; id: string; account?: LegacyAccount; problems: RowProblem[] };

const COLUMNS = ['id', 'email', 'name', 'kana', 'verified'];
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const KANA = /^[\u30A0-\u30FF\u3040-\u309F\s・ー]+$/;
const VERIFIED: Record<string, boolean> = { true: true, '1': true, false: false, '0': false };

/**
 * Reads the export (a header `id,email,name,kana,verified`, UTF-8), checking every row: a
 * problem is reported against its line and column, never thrown, so a dry run lists them all.
 */
export function parseAccounts(csv: string): { rows: ParsedRow[]; fileProblems: RowProblem[] } {
  let records: string[][];
  try {
    records = parse(csv.replace(/^\uFEFF/, ''), { relax_column_count: true, skip_empty_lines: true, trim: true });
  } catch (error) {
    return {
      rows: [],
      fileProblems: [problem('file', 'identity.migration.unreadable', `${(error as Error).message}`)],
    };
  }
  const [header, ...body] = records;
  if (!header || COLUMNS.some((column, index) => header[index] !== column) || header.length !== COLUMNS.length) {
    return {
      rows: [],
      fileProblems: [problem('header', 'identity.migration.header', `expected ${COLUMNS.join(',')}`)],
    };
  }
  const seen = new Set<string>();
  const rows = body.map((cells, index): ParsedRow => {
    const line = index + 2;
    const [id = '', email = '', name = '', kana = '', verified = ''] = cells;
    const problems: RowProblem[] = [];
    if (cells.length !== COLUMNS.length)
      problems.push(problem('row', 'identity.migration.columns', `${cells.length} columns`));
    if (!/^[A-Za-z0-9_.-]{1,100}$/.test(id))
      problems.push(problem('id', 'identity.migration.id', 'letters, digits, _ . - (1–100)'));
    else if (seen.has(id)) problems.push(problem('id', 'identity.migration.duplicate', 'listed twice'));
    seen.add(id);
    if (!EMAIL.test(email) || email.length > 254)
      problems.push(problem('email', 'identity.migration.email', 'not an email address'));
    if (name === '' || name.length > 100) problems.push(problem('name', 'identity.migration.name', '1–100 characters'));
    if (!KANA.test(kana) || kana.length > 100)
      problems.push(problem('kana', 'identity.migration.kana', 'hiragana or katakana'));
    if (!(verified.toLowerCase() in VERIFIED))
      problems.push(problem('verified', 'identity.migration.verified', 'true/false or 1/0'));
    const account =
      problems.length === 0 ? { id, email, name, kana, verified: VERIFIED[verified.toLowerCase()] } : undefined;
    return { line, id, account, problems };
  });
  return { rows, fileProblems: [] };
}

/** What a re-run compares: the same row imported again is unchanged. */
export function accountDigest(account: LegacyAccount): string {
  return createHash('sha256').update(JSON.stringify(account)).digest('hex');
}

function problem(column: string, code: string, detail: string): RowProblem {
  return { column, code, message: { ja: `${column}: ${detail}`, en: `${column}: ${detail}` } };
}
