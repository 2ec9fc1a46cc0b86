import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FieldDefinition } from '../metadata/types.ts';
import { testDatabaseKinds } from '../testing/index.ts';
import { openTestDatabaseWithOrm, type TestDatabase } from './test-database.ts';
import { entity, field } from './test-entities.ts';

interface Case {
  name: string;
  from: Partial<FieldDefinition> & Pick<FieldDefinition, 'type'>;
  to: Partial<FieldDefinition> & Pick<FieldDefinition, 'type'>;
  values: unknown[];
  safety: 'safe' | 'destructive';
  affectedRows?: number;
  blocked?: string;
  after?: unknown[];
}

const cases: Case[] = [
  {
    name: 'varchar widening',
    from: { type: 'string', maxLength: 5 },
    to: { type: 'text' },
    values: ['abcde'],
    safety: 'safe',
    after: ['abcde'],
  },
  {
    name: 'varchar narrowing truncates',
    from: { type: 'string' },
    to: { type: 'string', maxLength: 3 },
    values: ['abcdef', 'ab', null],
    safety: 'destructive',
    affectedRows: 1,
    after: ['abc', 'ab', null],
  },
  {
    name: 'text to integer',
    from: { type: 'string' },
    to: { type: 'integer' },
    values: ['1', ' 2 ', '+3', null],
    safety: 'destructive',
    affectedRows: 0,
    after: [1, 2, 3, null],
  },
  {
    name: 'unparsable text to integer',
    from: { type: 'string' },
    to: { type: 'integer' },
    values: ['1', '1.5', 'x', '99999999999'],
    safety: 'destructive',
    affectedRows: 3,
    blocked: '3 values cannot be converted to integer; correct them first.',
  },
  {
    name: 'text to boolean',
    from: { type: 'string' },
    to: { type: 'boolean' },
    values: ['true', 'NO', ' 1 '],
    safety: 'destructive',
    affectedRows: 0,
    after: [true, false, true],
  },
  {
    name: 'unparsable text to boolean',
    from: { type: 'string' },
    to: { type: 'boolean' },
    values: ['maybe', 'yes'],
    safety: 'destructive',
    affectedRows: 1,
    blocked: '1 values cannot be converted to boolean; correct them first.',
  },
  {
    name: 'text to date',
    from: { type: 'string' },
    to: { type: 'date' },
    values: ['2024-01-02'],
    safety: 'destructive',
    affectedRows: 0,
    after: ['2024-01-02'],
  },
  {
    name: 'text to json',
    from: { type: 'string' },
    to: { type: 'json' },
    values: ["it's"],
    safety: 'destructive',
    affectedRows: 0,
    after: ["it's"],
  },
  {
    name: 'decimal narrowing rounds',
    from: { type: 'decimal', precision: 10, scale: 2 },
    to: { type: 'decimal', precision: 6, scale: 1 },
    values: ['1.25', '2.20', '99999.94'],
    safety: 'destructive',
    affectedRows: 2,
    after: ['1.3', '2.2', '99999.9'],
  },
  {
    name: 'decimal overflow',
    from: { type: 'decimal', precision: 10, scale: 2 },
    to: { type: 'decimal', precision: 6, scale: 1 },
    values: ['1.00', '123456.00', '99999.96'],
    safety: 'destructive',
    affectedRows: 2,
    blocked: '2 values cannot be converted to numeric(6,1); correct them first.',
  },
  {
    name: 'integer widening',
    from: { type: 'integer' },
    to: { type: 'decimal', precision: 12, scale: 2 },
    values: [7],
    safety: 'safe',
    after: ['7.00'],
  },
  {
    name: 'integer to boolean',
    from: { type: 'integer' },
    to: { type: 'boolean' },
    values: [0, 1, 2],
    safety: 'destructive',
    affectedRows: 1,
    after: [false, true, true],
  },
  {
    name: 'decimal to integer',
    from: { type: 'decimal' },
    to: { type: 'integer' },
    values: ['1.50', '2.00'],
    safety: 'destructive',
    affectedRows: 1,
    after: [2, 2],
  },
  {
    name: 'integer to short text',
    from: { type: 'integer' },
    to: { type: 'string', maxLength: 3 },
    values: [5, 1234],
    safety: 'destructive',
    affectedRows: 1,
    after: ['5', '123'],
  },
];

describe.each(testDatabaseKinds())('type changes on %s', (kind) => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await openTestDatabaseWithOrm(kind);
  });
  beforeEach(() => db.reset());
  afterAll(() => db?.close());

  const item = (definition: Case['from']) => entity('Item', [field('v', definition.type, definition)]);
  const values = async () => (await db.sql.query<{ v: unknown }>('select v from app_item order by n')).map((r) => r.v);

  it.each(cases)('$name', async (c) => {
    await db.migrate([entity('Item', [field('v', c.from.type, c.from), field('n', 'integer')])]);
    for (const [n, value] of c.values.entries()) {
      await db.sql.run('insert into app_item (id, v, n) values (gen_random_uuid(), ?, ?)', [value, n]);
    }
    const target = entity('Item', [field('v', c.to.type, c.to), field('n', 'integer')]);
    const plan = await db.plan([target]);
    const step = plan.steps.find((s) => s.action === 'alterColumnType');
    expect(step).toMatchObject({ column: 'v', safety: c.safety });
    expect(step?.affectedRows).toBe(c.affectedRows);
    expect(step?.blocked?.en).toBe(c.blocked);
    if (c.blocked) return;
    await db.migrate([target], true);
    expect(await values()).toEqual(c.after);
    expect((await db.plan([target])).steps).toEqual([]);
  });

  it('narrows a timestamptz to milliseconds, counting the values it rounds', async () => {
    await db.migrate([item({ type: 'datetime' })]);
    await db.sql.run('alter table app_item alter column v type timestamptz(6)');
    await db.sql.run(
      `insert into app_item (id, v) values (gen_random_uuid(), '2024-01-01 00:00:00.123456Z'), (gen_random_uuid(), '2024-01-01 00:00:00.5Z')`,
    );
    const [step] = (await db.plan([item({ type: 'datetime' })])).steps;
    expect(step).toMatchObject({ action: 'alterColumnType', safety: 'destructive', affectedRows: 1 });
  });
});
