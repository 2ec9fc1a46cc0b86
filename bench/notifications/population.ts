import type { Engine } from '../../engine/src/engine.ts';
import type { EntityMetadata } from '../../engine/src/metadata/index.ts';

const WARDS = ['中央区', '北区', '東区', '白石区', '厚別区', '豊平区', '清田区', '南区', '西区', '手稲区'];

export const PROFILE: EntityMetadata = {
  kind: 'entity',
  name: 'BenchProfile',
  label: { ja: 'ベンチ住民', en: 'Bench resident' },
  fields: [
    { name: 'name', type: 'string', label: { ja: '氏名' }, required: true, maxLength: 100 },
    { name: 'ward', type: 'string', label: { ja: '区' }, maxLength: 20, indexed: true },
    { name: 'age', type: 'integer', label: { ja: '年齢' } },
    { name: 'children', type: 'integer', label: { ja: '子の数' } },
  ],
};

/** Publishes BenchProfile and fills it with `rows` residents, each owning their profile. */
export async function fillProfiles(engine: Engine, rows: number): Promise<void> {
  await engine.publish({ upserts: [PROFILE], removals: [] });
  const sql = engine.live().sql();
  await sql.run(
    `insert into app_bench_profile (id, owner_id, name, ward, age, children)
     select gen_random_uuid(), gen_random_uuid(), '住民 ' || n, (array[?]::text[])[1 + n % ?], n % 100, n % 4
     from generate_series(1, ?) n`,
    [WARDS, WARDS.length, rows],
  );
  await sql.run('vacuum (analyze) app_bench_profile');
}

/** 500 benefits whose rules vary in ward, age range and children, as a city's catalogue would. */
export function benefitRules(count: number): Array<{ title: string; eligibility: unknown }> {
  return Array.from({ length: count }, (_, index) => {
    const ward = WARDS[index % WARDS.length];
    const from = (index * 7) % 80;
    return {
      title: `制度 ${index}`,
      eligibility: {
        all: [
          {
            any: [
              { fact: 'ward', op: 'eq', value: ward },
              { fact: 'children', op: 'gte', value: 1 + (index % 3) },
            ],
          },
          { fact: 'age', op: 'gte', value: from },
          { fact: 'age', op: 'lt', value: from + 20 },
        ],
      },
    };
  });
}
