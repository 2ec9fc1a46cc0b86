import { MikroORM } from '@mikro-orm/postgresql';
import type pg from 'pg';
import { applyMigration, inTransaction, planMigration, readLiveSchema } from '../../engine/src/data/index.ts';
import type { EntityMetadata, FieldDefinition, RuleMetadata } from '../../engine/src/metadata/index.ts';

/** The bench's resident population: one table, the attributes a targeting rule looks at. */

function field(name: string, type: FieldDefinition['type'], extra: Partial<FieldDefinition> = {}): FieldDefinition {
  return { name, type, label: { ja: name }, ...extra };
}

export const WARDS = ['kita', 'minami', 'naka', 'higashi', 'nishi', 'chuo'] as const;

export const benchResident: EntityMetadata = {
  kind: 'entity',
  name: 'Resident',
  label: { ja: '住民' },
  fields: [
    field('birthDate', 'date'),
    field('ward', 'enum', { values: WARDS.map((value) => ({ value, label: { ja: value } })) }),
    field('hasCar', 'boolean'),
    field('income', 'decimal', { precision: 12, scale: 0 }),
    field('householdSize', 'integer'),
  ],
};

/** Aged 65–74, in Kita ward, without a car, income under 2,000,000 yen, living alone or as a couple. */
export const seniorsSegment: RuleMetadata = {
  kind: 'rule',
  name: 'kita-seniors-without-car',
  label: { ja: '北区の車のない高齢者（65〜74 歳）', en: 'Seniors aged 65–74 in Kita ward without a car' },
  entity: 'Resident',
  use: 'segment',
  condition: {
    all: [
      { fact: 'age', of: 'birthDate', op: 'between', value: [65, 74] },
      { fact: 'ward', op: 'eq', value: 'kita' },
      { fact: 'hasCar', op: 'eq', value: false },
      { fact: 'income', op: 'lt', value: 2_000_000 },
      { fact: 'householdSize', op: 'lte', value: 2 },
    ],
  },
};

/** Creates the table through the engine's own migration planner. */
export async function createResidentTable(databaseUrl: string): Promise<void> {
  const orm = await MikroORM.init({ entities: [], clientUrl: databaseUrl, discovery: { warnWhenNoEntities: false } });
  try {
    await inTransaction(orm.em.fork(), async (sql) => {
      const plan = await planMigration([benchResident], await readLiveSchema(sql), sql);
      await applyMigration(sql, plan, { confirmDestructive: false });
    });
  } finally {
    await orm.close();
  }
}

/**
 * Residents born 1925–2025, spread over six wards, with about 2% missing incomes and 1%
 * missing birth dates so that the NULL rule is exercised at scale too.
 */
export async function fillResidents(client: pg.Client, rows: number): Promise<void> {
  await client.query(
    `insert into app_resident (id, birth_date, ward, has_car, income, household_size)
     select gen_random_uuid(),
            case when i % 100 = 0 then null else date '1925-01-01' + (random() * 36500)::int end,
            ($2::text[])[1 + i % cardinality($2::text[])],
            random() < 0.55,
            case when i % 50 = 0 then null else round((random() * 9000000)::numeric) end,
            1 + (random() * 5)::int
       from generate_series(1, $1::int) as i`,
    [rows, WARDS],
  );
  await client.query('vacuum analyze app_resident');
}
