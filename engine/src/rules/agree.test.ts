import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiRecord, quoteIdent, tableName } from '../data/index.ts';
import { openTestDatabaseWithOrm, type TestDatabase } from '../data/test-database.ts';
import { validateMetadata } from '../metadata/index.ts';
import type { EntityMetadata } from '../metadata/types.ts';
import { testDatabaseKinds } from '../testing/index.ts';
import { carOf, insert } from './agree-support.ts';
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

  /**
   * Both interpreters on one population; with `visible`, only those households and cars take
   * part, as a caller's row policy would let them (`readableIds` and a filtered `related`).
   */
  async function agree(
    condition: Parameters<typeof residentRule>[0],
    residents: ApiRecord[],
    owners: number[],
    now: Date,
    visible?: (id: unknown) => boolean,
  ) {
    const rule = residentRule(condition);
    expect(validateMetadata([household, resident, car, rule])).toEqual([]);
    await client.query(`delete from ${quoteIdent(tableName('Car'))}`);
    await client.query(`delete from ${quoteIdent(tableName('Resident'))}`);
    await insert(client, resident, residents);
    const cars = residents.length === 0 ? [] : owners.map((position, i) => carOf(residents, position, i));
    await insert(client, car, cars);

    const shown = visible ?? (() => true);
    const readableIds = (entity: EntityMetadata) => {
      if (!visible) return null;
      const rows = entity.name === 'Household' ? HOUSEHOLDS : cars;
      // Test ids are fixed-format uuids, safe to spell out.
      const ids = rows.map((row) => String(row.id)).filter(shown);
      return `select id from ${quoteIdent(tableName(entity.name))} where id::text = any(array[${ids.map((id) => `'${id}'`).join(',')}]::text[])`;
    };
    const options = { now, entities: ruleEntities, readableIds };
    const ids = compileRuleToSql(rule, resident, options);
    const sqlIds = (await client.query<{ id: string }>(ids.text, ids.values)).rows.map((row) => row.id);
    const count = compileRuleToSql(rule, resident, { ...options, select: 'count' });
    const [{ count: sqlCount }] = (await client.query<{ count: number }>(count.text, count.values)).rows;

    const engineIds: string[] = [];
    for (const subject of residents) {
      const home = householdsById.get(subject.household as string);
      const related = {
        household: home && shown(home.id) ? home : null,
        cars: cars.filter((each) => each.resident === subject.id && shown(each.id)),
      };
      if (await evaluateRule(rule, subject, { now, entities: ruleEntities, entity: resident, related })) {
        engineIds.push(subject.id as string);
      }
    }
    expect(sqlIds).toEqual(engineIds.sort());
    expect(sqlCount).toBe(engineIds.length);
  }

  it('select exactly the same residents for any valid rule, population and date', async () => {
    await fc.assert(
      fc.asyncProperty(
        conditionArbitrary,
        fc.array(residentArbitrary, { maxLength: 25 }),
        carOwnersArbitrary,
        nowArbitrary,
        (condition, residents, owners, now) => agree(condition, residents, owners, now),
      ),
      { numRuns: kind === 'pglite' ? 150 : 300 },
    );
  }, 120_000);

  it('agree too when a row policy hides some households and cars from reference and count facts', async () => {
    await fc.assert(
      fc.asyncProperty(
        conditionArbitrary,
        fc.array(residentArbitrary, { maxLength: 25 }),
        carOwnersArbitrary,
        nowArbitrary,
        fc.integer({ min: 0, max: 2 ** 16 }),
        (condition, residents, owners, now, mask) =>
          // The last hex digit of an id decides whether the caller may read the row.
          agree(
            condition,
            residents,
            owners,
            now,
            (id) => ((mask >> (Number.parseInt(String(id).slice(-1), 16) % 16)) & 1) === 1,
          ),
      ),
      { numRuns: kind === 'pglite' ? 60 : 120 },
    );
  }, 120_000);
});
