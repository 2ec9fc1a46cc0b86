import type { Engine } from '../../engine/src/engine.ts';
import type { MetadataItem } from '../../engine/src/metadata/index.ts';
import { signedInStaff, startBenchEngine } from '../lib/bench-engine.ts';

export const WARDS = Array.from({ length: 23 }, (_, i) => `ward${String(i + 1).padStart(2, '0')}`);
const BENCH_WARD = WARDS[0];

/** Requests over the wards, and items one reference step below them. */
const APP: MetadataItem[] = [
  {
    kind: 'entity',
    name: 'BenchRequest',
    label: { ja: '申込' },
    fields: [
      { name: 'ward', type: 'string', label: { ja: '区' }, required: true, maxLength: 20, indexed: true },
      { name: 'note', type: 'string', label: { ja: '備考' }, maxLength: 100 },
    ],
  },
  {
    kind: 'entity',
    name: 'BenchItem',
    label: { ja: '品目' },
    fields: [
      { name: 'request', type: 'reference', target: 'BenchRequest', label: { ja: '申込' }, required: true },
      { name: 'name', type: 'string', label: { ja: '品名' }, maxLength: 100 },
    ],
  },
  role('bench-ward-office', { ward: { eq: '$principal.ward' } }, { 'request.ward': { eq: '$principal.ward' } }),
  role('bench-literal-office', { ward: { eq: BENCH_WARD } }, { 'request.ward': { eq: BENCH_WARD } }),
];

function role(name: string, requests: Record<string, unknown>, items: Record<string, unknown>): MetadataItem {
  return {
    kind: 'role',
    name,
    label: { ja: name },
    audience: 'staff',
    principalAttributes: { ward: { label: { ja: '担当区' } } },
    permissions: [
      { entity: 'BenchRequest', actions: ['read'], where: requests },
      { entity: 'BenchItem', actions: ['read'], where: items },
    ],
  } as MetadataItem;
}

export interface PolicyFixture {
  engine: Engine;
  /** Session cookies: a principal whose ward comes from its attribute, and one whose role names it. */
  attribute: string;
  literal: string;
  close(): Promise<void>;
}

/** The engine on `databaseUrl` with `rows` requests and `rows` items, and the two signed-in principals. */
export async function startPolicyFixture(
  databaseUrl: string,
  rows: number,
  log: (line: string) => void,
): Promise<PolicyFixture> {
  const { engine, close } = await startBenchEngine(databaseUrl);
  try {
    await engine.publish({ upserts: APP, removals: [] });
    const started = performance.now();
    await fill(engine, rows);
    log(
      `filled ${rows.toLocaleString('en')} requests and items in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    const attribute = await officeCookie(engine, 'bench-ward-office', { ward: BENCH_WARD });
    const literal = await officeCookie(engine, 'bench-literal-office', {});
    return { engine, attribute, literal, close };
  } catch (error) {
    await close();
    throw error;
  }
}

async function fill(engine: Engine, rows: number): Promise<void> {
  const sql = engine.live().sql();
  await sql.run(
    `insert into app_bench_request (id, ward, note)
     select gen_random_uuid(), (array[?]::text[])[1 + n % ?], 'note ' || n from generate_series(1, ?) n`,
    [WARDS, WARDS.length, rows],
  );
  // Each item belongs to a random request, so a ward's items are spread over the table.
  await sql.run(
    `insert into app_bench_item (id, request_id, name)
     select gen_random_uuid(), r.id, 'item ' || r.n
       from (select id, row_number() over (order by random()) as n from app_bench_request) r`,
  );
  await sql.run('vacuum (analyze) app_bench_request');
  await sql.run('vacuum (analyze) app_bench_item');
}

async function officeCookie(engine: Engine, role: string, attributes: Record<string, string>): Promise<string> {
  return (await signedInStaff(engine, `${role}-user`, [role], attributes)).cookie;
}
