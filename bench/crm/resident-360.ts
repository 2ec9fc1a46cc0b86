import { percentile } from '../lib/stats.ts';
import type { CrmBenchEngine } from './engine.ts';

export const RESIDENTS = Number(process.env.CRM_BENCH_RESIDENTS ?? 1_000_000);
const CASES_ON_TIMELINE = 200;
/** Entries of the other plugins, read through their timeline contributions as the clerk. */
const RESERVATIONS = 130;
const PLUGIN_NOTICES = 50;
const CHATS = 20;
/** Rows other plugins' events left in the CRM's own timeline table. */
const EVENT_NOTICES = 100;
const SYSTEM = { kind: 'system' } as const;
const OPENS = 300;
const WARM_UP = 30;

export interface OpenTimes {
  p50: number;
  p99: number;
  mean: number;
}

/**
 * Fills `app_resident_profile` with RESIDENTS profiles (the 42nd is `target`, a signed-up
 * resident) and gives the target 500 timeline entries across plugins in set-based SQL: 200 cases
 * the clerk's department may read and 100 event rows in the CRM's table, 130 reservations, 50
 * notices sent and 20 chats (the latest the notices and chats panels read); plus one event row
 * each for 100,000 other residents, so the timeline index is not a toy.
 */
export async function seedResidents(bench: CrmBenchEngine, department: string, target: string): Promise<void> {
  const sql = bench.engine.live().sql();
  await sql.run(
    `insert into app_resident_profile (id, principal, full_name, full_name_kana, birth_date, address, ward, version, created_at, updated_at)
     select gen_random_uuid(), case when i = 42 then ? else md5(i::text)::uuid::text end, '住民 ' || i, 'ジュウミン ' || i,
            date '1940-01-01' + (i % 25000), '札幌市中央区北' || (i % 30) || '条西' || (i % 20) || '丁目' || (i % 50),
            '中央区', 1, now(), now()
       from generate_series(1, ${RESIDENTS}) as s(i)`,
    [target],
  );
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
       from generate_series(1, ${EVENT_NOTICES}) as s(i)`,
    [target],
  );
  await sql.run(
    `insert into plugin_crm.timeline_entry (resident, at, kind, source, title)
     select md5(i::text)::uuid::text, now(), 'notice', 'notifications.sent', 'お知らせ'
       from generate_series(1, 100000) as s(i)`,
  );
  await seedOtherPlugins(bench, target);
  await sql.run('analyze app_resident_profile');
  await sql.run('analyze plugin_crm.timeline_entry');
}

/** The target's reservations (through the data API, as the plugin), notices and chats (in their plugins' tables). */
async function seedOtherPlugins(bench: CrmBenchEngine, target: string): Promise<void> {
  const plugins = bench.engine.plugins;
  const places = plugins.context('reservations');
  await places.transaction(SYSTEM, async (data) => {
    const hours = Object.fromEntries(
      ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => [day, [['00:00', '24:00']]]),
    );
    const gym = await data.create('Facility', { name: '北区体育館', ward: '北区', openingHours: hours });
    const slot = await data.create('Slot', {
      facility: gym.id,
      date: new Date(Date.now() + 86_400_000).toISOString().slice(0, 10),
      startTime: '10:00',
      endTime: '12:00',
      capacity: RESERVATIONS,
    });
    for (let i = 0; i < RESERVATIONS; i += 1) {
      await data.create('Reservation', {
        slot: slot.id,
        facility: gym.id,
        partySize: 1,
        contactName: '住民 42',
        owner: target,
      });
    }
  });
  await plugins.context('notifications').sql.query(
    `insert into inbox (recipient, category, message, created_at)
     select $1, 'tax', jsonb_build_object('ja', 'お知らせ ' || i), now() - (i || ' minutes')::interval
       from generate_series(1, ${PLUGIN_NOTICES}) as s(i)`,
    [target],
  );
  const chats = plugins.context('contact-center').sql;
  await chats.query(
    `insert into conversation (channel, status, tier, resident, last_seq, created_at, closed_at)
     select 'web', 'closed', 'operator', $1, 1, now() - (i || ' minutes')::interval, now()
       from generate_series(1, ${CHATS}) as s(i)`,
    [target],
  );
  await chats.query(
    `insert into message (conversation_id, seq, client_id, author_kind, author_id, body, created_at)
     select id, 1, 'bench', 'resident', resident, '粗大ごみの出し方を教えてください', created_at
       from conversation where resident = $1`,
    [target],
  );
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
      const body = (await response.json()) as { timeline?: unknown[]; timelineSources?: Array<{ status: string }> };
      if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
      if (body.timelineSources?.some((source) => source.status !== 'read')) {
        throw new Error(`a timeline source did not answer: ${JSON.stringify(body.timelineSources)}`);
      }
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
