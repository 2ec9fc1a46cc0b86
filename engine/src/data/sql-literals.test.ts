import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '../testing/index.ts';
import { withAppends } from './appends.ts';
import { inTransaction } from './sql.ts';
import { escapedStringLiteral, jsonbInputLiteral } from './sql-literals.ts';
import { openTestDatabaseWithOrm, type TestDatabase } from './test-database.ts';

// Quotes, backslashes before quotes, the driver's placeholder, an E'' look-alike and Japanese text.
const AWKWARD = [
  "it's",
  'back\\slash',
  "\\'; drop table x; --",
  'a ? b ?? c',
  "E'\\x41'",
  '山田\u3000花子',
  '',
  '\\\\',
];

describe.each(testDatabaseKinds())('inlined literals on %s', (kind) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabaseWithOrm(kind);
  });
  afterAll(() => db?.close());

  /** What the database reads from `literal`, with `standard_conforming_strings` set as given. */
  const read = (literal: string, conforming: 'on' | 'off') =>
    inTransaction(db.orm.em.fork(), async (sql) => {
      await sql.run(`set local standard_conforming_strings = ${conforming}`);
      await sql.run('set local escape_string_warning = off');
      const [row] = await sql.query<{ value: unknown }>(`select ${literal} as value`);
      return row?.value;
    });

  it('reads back every string exactly, whatever standard_conforming_strings says', async () => {
    for (const value of AWKWARD) {
      expect(await read(`${escapedStringLiteral(value)}::text`, 'on')).toBe(value);
      expect(await read(`${escapedStringLiteral(value)}::text`, 'off')).toBe(value);
    }
    expect(() => escapedStringLiteral('a\0b')).toThrow(/NUL/);
  });

  it('reads back JSON with such strings as keys and values', async () => {
    const value = { rows: AWKWARD.map((text, i) => ({ [text]: text, i })) };
    expect(await read(`${jsonbInputLiteral(value)}::text::jsonb`, 'on')).toEqual(value);
    expect(await read(`${jsonbInputLiteral(value)}::text::jsonb`, 'off')).toEqual(value);
  });

  it('runs the appends a statement carries, and answers what the statement answers', async () => {
    await db.sql.run('create table if not exists literal_appends (note text)');
    const append = (note: string) => `insert into literal_appends (note) values (${escapedStringLiteral(note)})`;
    const rows = await db.sql.query<{ answer: number }>(
      withAppends([append("it's"), append('a ? b')], 'select 42 as answer'),
    );
    expect(rows).toEqual([{ answer: 42 }]);
    const notes = await db.sql.query<{ note: string }>('select note from literal_appends order by note');
    expect(notes.map((row) => row.note)).toEqual(['a ? b', "it's"]);
  });
});
