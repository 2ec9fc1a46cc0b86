import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inTransaction, type Sql } from '../data/index.ts';
import { openTestDatabaseWithOrm, type TestDatabase } from '../data/test-database.ts';
import type { Transact } from '../events/index.ts';
import { testDatabaseKinds } from '../testing/databases.ts';
import { listJobs, retryDeadJob } from './admin.ts';
import { claimDueJobs, enqueueJob } from './queue.ts';
import { type JobHandler, runDueJobs } from './run.ts';
import { ensureSchedules, nextRunOf } from './schedule.ts';
import { ensureJobTables } from './tables.ts';

const later = (ms: number) => new Date(Date.now() + ms);
const nextRun = (schedule: string, from: Date) => nextRunOf(schedule, 'Asia/Tokyo', from);

describe.each(testDatabaseKinds())('job queue on %s', (kind) => {
  let db: TestDatabase;
  let transact: Transact;
  /** Each application of a job leaves a row; a rolled-back one leaves none. */
  const effect: JobHandler = async (job, sql: Sql) => {
    await sql.run('insert into job_effect (job_id) values (?::uuid)', [job.id]);
  };
  const effects = async () =>
    new Map(
      (
        await db.sql.query<{ id: string; n: number }>(
          'select job_id::text as id, count(*)::int as n from job_effect group by job_id',
        )
      ).map((row) => [row.id, Number(row.n)]),
    );
  const run = (handlers: Record<string, JobHandler>, extra: { now?: Date; leaseMs?: number } = {}) =>
    runDueJobs({
      transact,
      handlers: new Map(Object.entries(handlers)),
      nextRun,
      backoff: { baseMs: 60_000, maxMs: 600_000 },
      ...extra,
    });

  beforeEach(async () => {
    db = await openTestDatabaseWithOrm(kind);
    transact = (work) => inTransaction(db.orm.em.fork(), (sql) => work(sql));
    await ensureJobTables(db.sql);
    await db.sql.run('create table if not exists job_effect (job_id uuid not null)');
  });
  afterEach(() => db.close());

  it('stores a job once per key and runs it once', async () => {
    expect(await enqueueJob(db.sql, { name: 'p.mail', payload: { to: 1 }, key: 'k1' })).toBe(true);
    expect(await enqueueJob(db.sql, { name: 'p.mail', payload: { to: 2 }, key: 'k1' })).toBe(false);
    expect(await enqueueJob(db.sql, { name: 'p.other', key: 'k1' })).toBe(true);
    const seen: unknown[] = [];
    const summary = await run({
      'p.mail': async (job, sql) => {
        seen.push(job.payload);
        await effect(job, sql);
      },
    });
    expect(summary).toEqual({ done: 1, retried: 0, dead: 0 });
    expect(seen).toEqual([{ to: 1 }]);
    expect((await run({ 'p.mail': effect })).done).toBe(0);
    const [other] = await listJobs(db.sql, { status: 'pending' });
    expect(other.name).toBe('p.other');
  });

  it('waits for `at` before running a job', async () => {
    await enqueueJob(db.sql, { name: 'p.later', at: later(3_600_000) });
    expect((await run({ 'p.later': effect })).done).toBe(0);
    expect((await run({ 'p.later': effect }, { now: later(3_700_000) })).done).toBe(1);
  });

  it('backs a failing job off, dead-letters it after its attempts and runs it again when retried', async () => {
    await enqueueJob(db.sql, { name: 'p.flaky', maxAttempts: 3 });
    await enqueueJob(db.sql, { name: 'p.fine' });
    let fail = true;
    const flaky: JobHandler = async (job, sql) => {
      await effect(job, sql);
      if (fail) throw new Error('the mail server said no');
    };
    const first = await run({ 'p.flaky': flaky, 'p.fine': effect });
    // The failing job holds back none: the other one is done in the same round.
    expect(first).toEqual({ done: 1, retried: 1, dead: 0 });
    // Backed off: not due again now, due after the back-off.
    expect((await run({ 'p.flaky': flaky })).retried).toBe(0);
    expect(await run({ 'p.flaky': flaky }, { now: later(61_000) })).toEqual({ done: 0, retried: 1, dead: 0 });
    expect(await run({ 'p.flaky': flaky }, { now: later(300_000) })).toEqual({ done: 0, retried: 0, dead: 1 });
    const [dead] = await listJobs(db.sql, { status: 'dead' });
    expect(dead).toMatchObject({ name: 'p.flaky', attempts: 3, lastError: 'the mail server said no' });
    expect((await run({ 'p.flaky': flaky }, { now: later(3_600_000) })).done).toBe(0);

    expect(await retryDeadJob(db.sql, dead.id)).toMatchObject({ status: 'pending', attempts: 0 });
    expect(await retryDeadJob(db.sql, dead.id)).toBeNull();
    fail = false;
    expect((await run({ 'p.flaky': flaky })).done).toBe(1);
    // Every failed run rolled back its effect: only the successful one is there.
    expect((await effects()).get(dead.id)).toBe(1);
  });

  it('lets two runners (two engine processes) share the queue, each job applied once', async () => {
    for (let n = 0; n < 200; n += 1) await enqueueJob(db.sql, { name: 'p.work', payload: { n } });
    const slow: JobHandler = async (job, sql) => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      await effect(job, sql);
    };
    const runner = () => runDueJobs({ transact, handlers: new Map([['p.work', slow]]), nextRun, batchSize: 20 });
    const [a, b] = await Promise.all([runner(), runner()]);
    expect(a.done + b.done).toBe(200);
    const applied = await effects();
    expect(applied.size).toBe(200);
    expect([...applied.values()].every((n) => n === 1)).toBe(true);
  });

  it('runs a job again once the lease of a process that died holding it has run out, and applies it once', async () => {
    await enqueueJob(db.sql, { name: 'p.work' });
    // A process takes the job and dies before finishing it: its lease runs out.
    const [taken] = await transact((sql) =>
      claimDueJobs(sql, { names: ['p.work'], limit: 10, leaseMs: 60_000, token: crypto.randomUUID() }),
    );
    expect((await run({ 'p.work': effect })).done).toBe(0);
    expect((await run({ 'p.work': effect }, { now: later(61_000) })).done).toBe(1);
    expect((await effects()).get(taken.id)).toBe(1);
    const [done] = await listJobs(db.sql, { status: 'done' });
    expect(done.attempts).toBe(0);
  });

  it('keeps one row per scheduled job, moving it to its next run after each', async () => {
    const jobs = [{ name: 'p.tick', schedule: 'every:5m', maxAttempts: 2 }];
    await ensureSchedules(db.sql, jobs, 'Asia/Tokyo');
    await ensureSchedules(db.sql, jobs, 'Asia/Tokyo');
    expect((await run({ 'p.tick': effect })).done).toBe(0);
    expect((await run({ 'p.tick': effect }, { now: later(301_000) })).done).toBe(1);
    const rows = await listJobs(db.sql);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'pending', schedule: 'every:5m' });
    expect(new Date(rows[0].runAt).getTime()).toBeGreaterThan(Date.now() + 250_000);

    // A run that keeps failing leaves a dead copy behind and the schedule goes on.
    const failing: JobHandler = async () => {
      throw new Error('down');
    };
    await run({ 'p.tick': failing }, { now: later(700_000) });
    await run({ 'p.tick': failing }, { now: later(900_000) });
    const dead = await listJobs(db.sql, { status: 'dead' });
    expect(dead).toMatchObject([{ name: 'p.tick', schedule: null, lastError: 'down' }]);
    expect(await listJobs(db.sql, { status: 'pending' })).toMatchObject([{ name: 'p.tick', schedule: 'every:5m' }]);
  });

  it('reads cron expressions in the city time zone', () => {
    const next = nextRunOf('cron:0 9 * * *', 'Asia/Tokyo', new Date('2026-12-06T12:00:00Z'));
    expect(next.toISOString()).toBe('2026-12-07T00:00:00.000Z');
    expect(() => nextRunOf('cron:not a cron', 'Asia/Tokyo')).toThrow();
  });
});
