import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiRecord, columnName, quoteIdent, tableName } from '../data/index.ts';
import { openTestDatabaseWithOrm, type TestDatabase } from '../data/test-database.ts';
import { validateMetadata } from '../metadata/index.ts';
import type { EntityMetadata } from '../metadata/types.ts';
import { testDatabaseKinds } from '../testing/index.ts';
import { compileRuleToSql } from './compile-sql.ts';
import { evaluateRule } from './evaluate.ts';
import {
  carOwnersArbitrary,
  conditionArbitrary,
  HOUSEHOLDS,
  nowArbitrary,
  residentArbitrary,
} from './rule-arbitraries.ts';
import { car, household, resident, residentRule, ruleEntities } from './test-entities.ts';

/** Inserts records with bound parameters; JSON goes as text, since pg would send an array as a PostgreSQL array. */
async function insert(client: pg.Client, entity: EntityMetadata, records: ApiRecord[]): Promise<void> {
  const fields = entity.fields.filter((each) => each.type !== 'collection');
  const columns = ['id', ...fields.map((each) => columnName(each))].map(quoteIdent).join(', ');
  for (const record of records) {
    const values = [record.id, ...fields.map((each) => toParameter(each.type, record[each.name]))];
    const placeholders = values.map((_, i) => `$${i + 1}`).join(', ');
    await client.query(
      `insert into ${quoteIdent(tableName(entity.name))} (${columns}) values (${placeholders})`,
      values,
    );
  }
}

function toParameter(type: string, value: unknown): unknown {
  return type === 'json' && value !== null && value !== undefined ? JSON.stringify(value) : value;
}

function carOf(residents: ApiRecord[], position: number, index: number): ApiRecord {
  const id = `00000000-0000-4000-9000-${String(index).padStart(12, '0')}`;
  return { id, plate: `品川 ${index}`, resident: residents[position % residents.length]?.id ?? null };
}

describe.each(testDatabaseKinds())('the two rule interpreters on %s', (kind) => {
  let db: TestDatabase;
  let client: pg.Client;
  const householdsById = new Map(HOUSEHOLDS.map((each) => [each.id, each]));

  beforeAll(async () => {
    db = await openTestDatabaseWithOrm(kind);
    await db.migrate([household, resident, car]);
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
    await insert(client, household, HOUSEHOLDS);
  });
  afterAll(async () => {
    await client?.end();
    await db?.close();
  });

  it('select exactly the same residents for any valid rule, population and date', async () => {
    await fc.assert(
      fc.asyncProperty(
        conditionArbitrary,
        fc.array(residentArbitrary, { maxLength: 25 }),
        carOwnersArbitrary,
        nowArbitrary,
        async (condition, residents, owners, now) => {
          const rule = residentRule(condition);
          expect(validateMetadata([household, resident, car, rule])).toEqual([]);
          await client.query(`delete from ${quoteIdent(tableName('Car'))}`);
          await client.query(`delete from ${quoteIdent(tableName('Resident'))}`);
          await insert(client, resident, residents);
          const cars = residents.length === 0 ? [] : owners.map((position, i) => carOf(residents, position, i));
          await insert(client, car, cars);

          const options = { now, entities: ruleEntities };
          const ids = compileRuleToSql(rule, resident, options);
          const sqlIds = (await client.query<{ id: string }>(ids.text, ids.values)).rows.map((row) => row.id);
          const count = compileRuleToSql(rule, resident, { ...options, select: 'count' });
          const [{ count: sqlCount }] = (await client.query<{ count: number }>(count.text, count.values)).rows;

          const engineIds: string[] = [];
          for (const subject of residents) {
            const related = {
              household: householdsById.get(subject.household as string),
              cars: cars.filter((each) => each.resident === subject.id),
            };
            if (await evaluateRule(rule, subject, { ...options, entity: resident, related })) {
              engineIds.push(subject.id as string);
            }
          }
          expect(sqlIds).toEqual(engineIds.sort());
          expect(sqlCount).toBe(engineIds.length);
        },
      ),
      { numRuns: kind === 'pglite' ? 150 : 300 },
    );
  }, 120_000);
});
