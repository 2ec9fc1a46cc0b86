import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiRecord, quoteIdent, tableName } from '../data/index.ts';
import { openTestDatabaseWithOrm, type TestDatabase } from '../data/test-database.ts';
import type { RuleCondition } from '../metadata/types.ts';
import { testDatabaseKinds } from '../testing/index.ts';
import { carOf, insert } from './agree-support.ts';
import { compileRuleToSql } from './compile-sql.ts';
import { evaluateRule } from './evaluate.ts';
import { prepareRulesEvaluator } from './evaluate-many.ts';
import {
  carOwnersArbitrary,
  conditionArbitrary,
  HOUSEHOLDS,
  nowArbitrary,
  residentArbitrary,
} from './rule-arbitraries.ts';
import { car, household, resident, residentRule, ruleEntities } from './test-entities.ts';

/**
 * Many rules prepared together and walked directly must decide each rule exactly as the SQL
 * interpreter does, and as json-rules-engine does for the rule alone.
 */
describe.each(testDatabaseKinds())('many rules prepared together against the SQL interpreter on %s', (kind) => {
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

  async function agree(conditions: RuleCondition[], residents: ApiRecord[], owners: number[], now: Date) {
    await client.query(`delete from ${quoteIdent(tableName('Car'))}`);
    await client.query(`delete from ${quoteIdent(tableName('Resident'))}`);
    await insert(client, resident, residents);
    const cars = residents.length === 0 ? [] : owners.map((position, i) => carOf(residents, position, i));
    await insert(client, car, cars);
    const rules = conditions.map((condition, index) => residentRule(condition, `rule-${index}`));
    const bySql: Set<unknown>[] = [];
    for (const rule of rules) {
      const { text, values } = compileRuleToSql(rule, resident, { now, entities: ruleEntities });
      bySql.push(new Set((await client.query<{ id: string }>(text, values)).rows.map((row) => row.id)));
    }
    const evaluate = prepareRulesEvaluator(rules, { now, entities: ruleEntities, entity: resident });
    for (const subject of residents) {
      const related = {
        household: householdsById.get(subject.household as string) ?? null,
        cars: cars.filter((each) => each.resident === subject.id),
      };
      const met = evaluate(subject, related);
      expect(met).toEqual(bySql.map((ids) => ids.has(subject.id)));
      const options = { now, entities: ruleEntities, entity: resident, related };
      expect(met).toEqual(await Promise.all(rules.map((rule) => evaluateRule(rule, subject, options))));
    }
  }

  it('decide every rule of the set as both interpreters do, for any population and date', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(conditionArbitrary, { minLength: 1, maxLength: 8 }),
        fc.array(residentArbitrary, { maxLength: 20 }),
        carOwnersArbitrary,
        nowArbitrary,
        (conditions, residents, owners, now) => agree(conditions, residents, owners, now),
      ),
      { numRuns: kind === 'pglite' ? 60 : 120 },
    );
  }, 120_000);
});
