import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEngine, type TestEngine, testDatabaseKinds } from '../testing/index.ts';

describe.each(testDatabaseKinds())('the retention job on %s', (kind) => {
  let host: TestEngine;
  beforeAll(async () => {
    host = await startTestEngine(kind, [], { jobPollMilliseconds: 0, retentionDays: 7 });
  });
  afterAll(() => host?.close());

  const sql = () => host.engine.live().sql();
  const count = async (query: string) => Number((await sql().query<{ n: string }>(query))[0].n);

  it('removes old published events, receipts, fired timers and finished jobs, keeps the rest and audits what it did', async () => {
    const old = "now() - interval '8 days'";
    await sql().run(`insert into kiban_outbox (type, payload, created_at, published_at) values
      ('test.old', '{}', ${old}, ${old}), ('test.recent', '{}', now(), now()), ('test.unpublished', '{}', ${old}, null)`);
    await sql().run(`insert into kiban_event_receipt (consumer, event_id, handled_at) values
      ('c', gen_random_uuid(), ${old}), ('c', gen_random_uuid(), now())`);
    await sql().run(`insert into kiban_workflow_timer (entity, record_id, workflow, state, timer_index, due_at, done_at) values
      ('E', gen_random_uuid(), 'w', 's', 0, ${old}, ${old}), ('E', gen_random_uuid(), 'w', 's', 0, ${old}, null)`);
    await sql().run(`insert into kiban_job (name, status, finished_at) values
      ('p.old', 'done', ${old}), ('p.dead', 'dead', ${old}), ('p.recent', 'done', now())`);
    const auditBefore = await count('select count(*)::text as n from kiban_audit');

    // The job runs hourly: an hour from now it is due.
    await host.engine.jobs.runDue(new Date(Date.now() + 3_601_000));

    expect(
      (await sql().query<{ type: string }>('select type from kiban_outbox order by seq')).map((r) => r.type),
    ).toEqual(['test.recent', 'test.unpublished']);
    expect(await count('select count(*)::text as n from kiban_event_receipt')).toBe(1);
    expect(await count('select count(*)::text as n from kiban_workflow_timer')).toBe(1);
    expect(
      (await sql().query<{ name: string }>(`select name from kiban_job where schedule is null order by name`)).map(
        (r) => r.name,
      ),
    ).toEqual(['p.dead', 'p.recent']);
    expect(await count('select count(*)::text as n from kiban_audit')).toBe(auditBefore + 1);
    const [audit] = await sql().query<{ action: string; detail: unknown }>(
      'select action, detail from kiban_audit order by id desc limit 1',
    );
    expect(audit.action).toBe('retention.purge');
    expect(audit.detail).toMatchObject({ olderThanDays: 7, removed: { outbox: 1, receipts: 1, timers: 1, jobs: 1 } });
  });
});
