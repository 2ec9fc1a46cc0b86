import type { Engine } from '../../engine/src/engine.ts';
import type { MetadataItem } from '../../engine/src/metadata/index.ts';
import { signedInStaff, startBenchEngine } from '../lib/bench-engine.ts';

/** Sapporo's ten wards. */
export const WARDS = [
  'chuo',
  'kita',
  'higashi',
  'shiroishi',
  'toyohira',
  'minami',
  'nishi',
  'atsubetsu',
  'teine',
  'kiyota',
];

const APP: MetadataItem[] = [
  {
    kind: 'entity',
    name: 'BenchApplication',
    label: { ja: '申請' },
    fields: [
      {
        name: 'ward',
        type: 'enum',
        label: { ja: '区' },
        required: true,
        values: WARDS.map((value) => ({ value, label: { ja: value } })),
      },
      { name: 'appliedOn', type: 'date', label: { ja: '申請日' } },
      { name: 'amount', type: 'integer', label: { ja: '金額' } },
      { name: 'days', type: 'integer', label: { ja: '処理日数' } },
    ],
  },
  {
    kind: 'role',
    name: 'bench-analyst',
    label: { ja: '分析担当' },
    audience: 'staff',
    permissions: [{ entity: 'BenchApplication', actions: ['read'] }],
  },
  {
    kind: 'role',
    name: 'bench-ward-office',
    label: { ja: '区の職員' },
    audience: 'staff',
    principalAttributes: { ward: { label: { ja: '担当区' } } },
    permissions: [{ entity: 'BenchApplication', actions: ['read'], where: { ward: { eq: '$principal.ward' } } }],
  },
  {
    kind: 'report',
    name: 'bench-ward-month',
    label: { ja: '区・月別' },
    entity: 'BenchApplication',
    groupBy: [{ field: 'ward' }, { field: 'appliedOn', name: 'month', bucket: 'month' }],
    measures: [
      { name: 'applications', label: { ja: '件数' }, op: 'count' },
      { name: 'amount', label: { ja: '金額計' }, op: 'sum', field: 'amount' },
      { name: 'days', label: { ja: '平均処理日数' }, op: 'avg', field: 'days' },
    ],
  },
] as MetadataItem[];

export interface ReportsFixture {
  engine: Engine;
  /** Session cookies: an analyst reading every row, and a ward office under a row policy. */
  analyst: string;
  office: string;
  close(): Promise<void>;
}

/** The engine on `databaseUrl` with `rows` applications over three years, and the two signed-in principals. */
export async function startReportsFixture(
  databaseUrl: string,
  rows: number,
  log: (line: string) => void,
): Promise<ReportsFixture> {
  const { engine, close } = await startBenchEngine(databaseUrl);
  try {
    await engine.publish({ upserts: APP, removals: [] });
    const started = performance.now();
    const sql = engine.live().sql();
    await sql.run(
      `insert into app_bench_application (id, version, created_at, updated_at, ward, applied_on, amount, days)
       select gen_random_uuid(), 1, now(), now(), (array[?]::text[])[1 + n % ?],
              date '2024-04-01' + (n % 1095), (n * 37) % 100000, n % 60
         from generate_series(1, ?) n`,
      [WARDS, WARDS.length, rows],
    );
    await sql.run('vacuum (analyze) app_bench_application');
    log(`filled ${rows.toLocaleString('en')} applications in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const analyst = (await signedInStaff(engine, 'bench-analyst-user', ['bench-analyst'])).cookie;
    const office = (await signedInStaff(engine, 'bench-office-user', ['bench-ward-office'], { ward: WARDS[1] })).cookie;
    return { engine, analyst, office, close };
  } catch (error) {
    await close();
    throw error;
  }
}
