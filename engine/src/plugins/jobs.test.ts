import { type Actor, definePlugin, type PluginDefinition } from '@kiban/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  openTestDatabase,
  startTestEngine,
  type TestClient,
  type TestEngine,
  testDatabaseKinds,
} from '../testing/index.ts';
import type { LogEntry } from './logger.ts';
import { keepOpen, metadataDir, NOTE_ENTITY, NOTE_ROLES, startOn } from './plugin-test-support.ts';

const SYSTEM: Actor = { kind: 'system' };

/** A plugin whose jobs write notes, so that their effects can be counted; `broken` always throws. */
async function notary(): Promise<PluginDefinition> {
  return definePlugin({
    name: 'notary',
    version: '1.0.0',
    metadata: [await metadataDir([NOTE_ENTITY, ...NOTE_ROLES])],
    jobs: [
      {
        name: 'note',
        async handler(payload, ctx) {
          const { title } = payload as { title: string };
          await ctx.data(SYSTEM).create('Note', { title });
          await ctx.jobs.enqueue('echo', { title }, { key: `echo:${title}` });
        },
      },
      {
        name: 'echo',
        handler: async (payload, ctx) =>
          void (await ctx.data(SYSTEM).create('Note', { title: `echo ${(payload as { title: string }).title}` })),
      },
      {
        name: 'broken',
        maxAttempts: 2,
        async handler(_payload, ctx) {
          await ctx.data(SYSTEM).create('Note', { title: 'never kept' });
          throw new Error('the remote service refused');
        },
      },
      {
        name: 'tick',
        every: '1h',
        handler: async (_payload, ctx) => void (await ctx.data(SYSTEM).create('Note', { title: 'tick' })),
      },
    ],
  });
}

describe.each(testDatabaseKinds())('plugin jobs on %s', (kind) => {
  let host: TestEngine;
  let admin: TestClient;

  beforeAll(async () => {
    host = await startTestEngine(kind, [], { jobPollMilliseconds: 0 }, { plugins: [await notary()], log: () => {} });
    admin = await host.signIn('admin', 'test-admin-password');
  });
  afterAll(() => host?.close());

  const ctx = () => host.engine.plugins.context('notary');
  const notes = (title: string) =>
    ctx()
      .data(SYSTEM)
      .count('Note', { title: { eq: title } });

  it('runs an enqueued job once per key, its effects and the jobs it enqueues committed with it', async () => {
    expect(await ctx().jobs.enqueue('note', { title: 'a' }, { key: 'a' })).toBe(true);
    expect(await ctx().jobs.enqueue('note', { title: 'a again' }, { key: 'a' })).toBe(false);
    await expect(ctx().jobs.enqueue('unknown', {})).rejects.toThrow('declares no job named unknown');
    const first = await host.engine.jobs.runDue();
    // The job, then the echo it enqueued in its own transaction, in the next round.
    expect(first.done).toBe(2);
    expect(await notes('a')).toBe(1);
    expect(await notes('a again')).toBe(0);
    expect(await notes('echo a')).toBe(1);
  });

  it('drops a job enqueued in a transaction that rolls back', async () => {
    const failed = ctx().transaction(SYSTEM, async () => {
      await ctx().jobs.enqueue('note', { title: 'rolled back' });
      throw new Error('changed my mind');
    });
    await expect(failed).rejects.toThrow('changed my mind');
    expect((await host.engine.jobs.runDue()).done).toBe(0);
  });

  it('dead-letters a job that always throws, without its effects and without holding others back; an admin retries it', async () => {
    await ctx().jobs.enqueue('broken', {});
    await ctx().jobs.enqueue('note', { title: 'b' });
    expect(await host.engine.jobs.runDue()).toMatchObject({ retried: 1, dead: 0 });
    expect(await notes('b')).toBe(1);
    const later = new Date(Date.now() + 60_000);
    expect(await host.engine.jobs.runDue(later)).toMatchObject({ dead: 1 });
    expect(await notes('never kept')).toBe(0);

    const listed = await admin.request('GET', '/api/admin/jobs?status=dead');
    expect(listed.status).toBe(200);
    expect(listed.body.counts.dead).toBe(1);
    const [dead] = listed.body.items;
    expect(dead).toMatchObject({ name: 'notary.broken', attempts: 2, lastError: 'the remote service refused' });
    expect(dead).not.toHaveProperty('payload');

    const retried = await admin.request('POST', `/api/admin/jobs/${dead.id}/retry`);
    expect(retried.status).toBe(200);
    expect(retried.body.status).toBe('pending');
    expect((await admin.request('POST', `/api/admin/jobs/${dead.id}/retry`)).status).toBe(404);
    expect((await admin.request('POST', '/api/admin/jobs/not-a-uuid/retry')).status).toBe(404);
    const [audit] = (await admin.request('GET', '/api/audit?limit=1')).body.items;
    expect(audit).toMatchObject({ action: 'job.retry' });
  });

  it('refuses bad queries and principals without platform.manage', async () => {
    const bad = await admin.request('GET', '/api/admin/jobs?status=lost&limit=0');
    expect(bad.status).toBe(422);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    const clerk = await host.principal('staff', 'clerk', ['note-reader']);
    expect((await clerk.request('GET', '/api/admin/jobs')).status).toBe(403);
    expect((await host.client().request('GET', '/api/admin/jobs')).status).toBe(401);
  });

  it('runs a scheduled job at its next run, once', async () => {
    const inAnHour = new Date(Date.now() + 3_601_000);
    const before = await notes('tick');
    await host.engine.jobs.runDue(inAnHour);
    await host.engine.jobs.runDue(inAnHour);
    expect((await notes('tick')) - before).toBe(1);
  });
});

describe.runIf(testDatabaseKinds().includes('postgres'))('plugin jobs with two engines on one PostgreSQL', () => {
  it('runs each job on exactly one of them', async () => {
    const database = await openTestDatabase('postgres');
    const plugin = await notary();
    const logs: LogEntry[] = [];
    const first = await startOn(keepOpen(database), [plugin], { logs });
    const second = await startOn(keepOpen(database), [plugin], { logs });
    try {
      const context = first.plugins.context('notary');
      for (let n = 0; n < 60; n += 1) await context.jobs.enqueue('note', { title: `shared ${n}` });
      // Both engines' pollers and two rounds on demand compete for the same rows.
      await Promise.all([first.jobs.runDue(), second.jobs.runDue()]);
      // Until every enqueued job is done (the scheduled tick waits an hour).
      const waiting = () =>
        first.live().sql().query(`select 1 from kiban_job where status in ('pending', 'running') and schedule is null`);
      for (let round = 0; round < 100 && (await waiting()).length > 0; round += 1) {
        await Promise.all([first.jobs.runDue(), second.jobs.runDue()]);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(logs.filter((entry) => entry.level === 'error')).toEqual([]);
      // 60 notes and 60 echoes, none twice.
      const titles = await context.data(SYSTEM).list('Note', { filter: { title: { contains: 'shared' } }, limit: 200 });
      expect(titles).toHaveLength(120);
      expect(new Set(titles.map((note) => note.title)).size).toBe(120);
    } finally {
      await first.close();
      await second.close();
      await database.close();
    }
  });
});
