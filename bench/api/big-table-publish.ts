import type { MigrationStep } from '../../engine/src/data/index.ts';
import type { Engine } from '../../engine/src/engine.ts';
import type { EntityMetadata } from '../../engine/src/metadata/index.ts';
import { WARDS } from './branch-data.ts';

export interface BigTablePublish {
  rows: number;
  /** Filling the table (not part of the measurement). */
  fillSeconds: number;
  /** `engine.publish()` adding one nullable field, end to end. */
  publishSeconds: number;
  steps: MigrationStep[];
}

const RESIDENT: EntityMetadata = {
  kind: 'entity',
  name: 'BenchResident',
  label: { ja: 'ベンチ住民', en: 'Bench resident' },
  fields: [
    { name: 'fullName', type: 'string', label: { ja: '氏名' }, required: true, maxLength: 100 },
    { name: 'ward', type: 'string', label: { ja: '区' }, maxLength: 20, indexed: true },
    { name: 'birthDate', type: 'date', label: { ja: '生年月日' } },
    { name: 'householdSize', type: 'integer', label: { ja: '世帯人数' }, min: 1, max: 20 },
  ],
};

const NEW_FIELD = { name: 'note', type: 'string', label: { ja: '備考' }, maxLength: 200 } as const;

/**
 * Publishes BenchResident, fills its table with `rows` rows, then times the publish that
 * adds one nullable field: validation, planning, the migration transaction and the swap to
 * a new live generation. A city's tables are big; adding a field must not mean downtime.
 */
export async function measureBigTablePublish(engine: Engine, rows: number): Promise<BigTablePublish> {
  await engine.publish({ upserts: [RESIDENT], removals: [] });
  const fillStarted = performance.now();
  const sql = engine.live().sql();
  await sql.run(
    `insert into app_bench_resident (id, full_name, ward, birth_date, household_size)
     select gen_random_uuid(), '住民 ' || n, (array[?]::text[])[1 + n % ?], date '1930-01-01' + n % 30000, 1 + n % 6
     from generate_series(1, ?) n`,
    [[...WARDS], WARDS.length, rows],
  );
  // A long-filled production table is vacuumed; without this, autovacuum would start on the
  // fresh rows and the publish's ALTER TABLE would wait for it to be cancelled.
  await sql.run('vacuum (analyze) app_bench_resident');
  const fillSeconds = (performance.now() - fillStarted) / 1000;

  const publishStarted = performance.now();
  const outcome = await engine.publish({
    upserts: [{ ...RESIDENT, fields: [...RESIDENT.fields, NEW_FIELD] }],
    removals: [],
  });
  const publishSeconds = (performance.now() - publishStarted) / 1000;
  if (!outcome.applied) throw new Error('the publish adding a field was not applied');
  return { rows, fillSeconds, publishSeconds, steps: outcome.plan.steps };
}
