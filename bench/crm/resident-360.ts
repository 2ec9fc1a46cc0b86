import { percentile } from '../lib/stats.ts';
import type { CrmBenchEngine } from './engine.ts';

export const RESIDENTS = Number(process.env.CRM_BENCH_RESIDENTS ?? 1_000_000);
const TIMELINE = 500;
const CASES_ON_TIMELINE = 200;
const OPENS = 300;
const WARM_UP = 30;

export interface OpenTimes {
  p50: number;
  p99: number;
  mean: number;
}

/**
 * Fills `app_resident_profile` with RESIDENTS profiles and the target's timeline with 500 rows
 * (200 of them cases the clerk's department may read, 300 notices) in set-based SQL, plus one
 * notice each for 100,000 other residents, so the timeline index is not a toy.
 */
export async function seedResidents(bench: CrmBenchEngine, department: string): Promise<string> {
  const sql = bench.engine.live().sql();
  await sql.run(
    `insert into app_resident_profile (id, principal, full_name, full_name_kana, birth_date, address, ward, version, created_at, updated_at)
     select gen_random_uuid(), md5(i::text)::uuid::text, '住民 ' || i, 'ジュウミン ' || i,
            date '1940-01-01' + (i % 25000), '札幌市中央区北' || (i % 30) || '条西' || (i % 20) || '丁目' || (i % 50),
            '中央区', 1, now(), now()
       from generate_series(1, ${RESIDENTS}) as s(i)`,
  );
  const target = String((await sql.query<{ p: string }>(`select md5('42')::uuid::text as p`))[0]?.p);
  await sql.run(
    `insert into app_case (id, subject, channel, category, kind, resident, department, status, version, created_at, updated_at)
     select gen_random_uuid(), '相談 ' || i, 'phone', 'other', 'inquiry', ?, ?, 'closed', 1, now() - (i || ' hours')::interval, now()
       from generate_series(1, ${CASES_ON_TIMELINE}) as s(i)`,
    [target, department],
  );
  await sql.run(
    `insert into plugin_crm.timeline_entry (resident, at, kind, source, entity, record_id, title, state)
     select resident, created_at, 'record', 'crm', 'Case', id::text, subject, status from app_case where resident = ?`,
    [target],
  );
  await sql.run(
    `insert into plugin_crm.timeline_entry (resident, at, kind, source, title)
     select ?, now() - (i || ' minutes')::interval, 'notice', 'notifications.sent', 'お知らせ ' || i
       from generate_series(1, ${TIMELINE - CASES_ON_TIMELINE}) as s(i)`,
    [target],
  );
  await sql.run(
    `insert into plugin_crm.timeline_entry (resident, at, kind, source, title)
     select md5(i::text)::uuid::text, now(), 'notice', 'notifications.sent', 'お知らせ'
       from generate_series(1, 100000) as s(i)`,
  );
  await sql.run('analyze app_resident_profile');
  await sql.run('analyze plugin_crm.timeline_entry');
  return target;
}

/** Sequential opens, after a warm-up: the resident 360 and, as the baseline, the engine's own read of the profile. */
export async function measureOpens(
  bench: CrmBenchEngine,
  cookie: string,
  target: string,
): Promise<{ open: OpenTimes; baseline: OpenTimes; entries: number }> {
  const openPath = `/api/plugins/crm/residents/${target}?reason=phone`;
  const baselinePath = `/api/data/ResidentProfile?filter[principal][eq]=${target}`;
  let entries = 0;
  const timed = async (path: string): Promise<OpenTimes> => {
    const samples: number[] = [];
    for (let i = 0; i < WARM_UP + OPENS; i += 1) {
      const started = performance.now();
      const response = await bench.request('GET', path, cookie);
      const body = (await response.json()) as { timeline?: unknown[] };
      if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
      if (i >= WARM_UP) samples.push(performance.now() - started);
      if (body.timeline) entries = body.timeline.length;
    }
    samples.sort((a, b) => a - b);
    return {
      p50: percentile(samples, 0.5),
      p99: percentile(samples, 0.99),
      mean: samples.reduce((s, v) => s + v, 0) / samples.length,
    };
  };
  const baseline = await timed(baselinePath);
  const open = await timed(openPath);
  return { open, baseline, entries };
}
