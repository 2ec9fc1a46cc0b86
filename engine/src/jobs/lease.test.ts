import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { definePlugin } from '@kiban/sdk';
import { describe, expect, it } from 'vitest';
import { keepOpen, startOn } from '../plugins/plugin-test-support.ts';
import { openTestDatabase, testDatabaseKinds } from '../testing/index.ts';

const FIXTURE = resolve(import.meta.dirname, 'crashing-engine.fixture.ts');

/** Starts the crashing engine and resolves once its job handler is inside the job's transaction. */
function startCrashingEngine(url: string) {
  const child = spawn(process.execPath, [FIXTURE, url], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const running = new Promise<void>((done, fail) => {
    child.stdout.on('data', (chunk) => {
      output += chunk;
      if (output.includes('running')) done();
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.on('exit', (code) => fail(new Error(`the crashing engine exited (${code}) early: ${output}`)));
  });
  const killed = new Promise((done) => child.on('exit', done));
  return { running, kill: () => child.kill('SIGKILL'), killed };
}

// Two processes on one database: PostgreSQL only. Starting a second engine process takes a
// while on a loaded machine, hence the longer timeout.
describe.runIf(testDatabaseKinds().includes('postgres'))('a job whose process is killed', () => {
  it('runs again once its lease has run out, and its effect is applied once', async () => {
    const database = await openTestDatabase('postgres');
    try {
      const crashing = startCrashingEngine(database.url);
      await crashing.running;
      crashing.kill();
      await crashing.killed;

      const plugin = definePlugin({
        name: 'crash',
        version: '1.0.0',
        jobs: [{ name: 'work', handler: async (_payload, ctx) => ctx.events.publish('done', {}) }],
      });
      const engine = await startOn(keepOpen(database), [plugin]);
      try {
        // Still leased to the dead process: not due yet.
        expect((await engine.jobs.runDue()).done).toBe(0);
        const afterLease = new Date(Date.now() + 6 * 60_000);
        expect((await engine.jobs.runDue(afterLease)).done).toBe(1);
        const [job] = await engine.jobs.list({ status: 'done' });
        expect(job).toMatchObject({ name: 'crash.work', key: 'once' });
        const effects = await engine
          .live()
          .sql()
          .query<{ n: string }>(`select count(*)::text as n from kiban_outbox where type = 'crash.done'`);
        expect(Number(effects[0].n)).toBe(1);
      } finally {
        await engine.close();
      }
    } finally {
      await database.close();
    }
  }, 180_000);
});
