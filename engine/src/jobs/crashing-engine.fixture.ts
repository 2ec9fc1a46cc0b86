/**
 * Started as a child process by lease.test.ts: an engine on the PostgreSQL database named on
 * the command line whose job handler publishes its effect and then never finishes, so that
 * the test can kill the process in the middle of the job's transaction.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { definePlugin } from '@kiban/sdk';
import { readConfig } from '../config.ts';
import { createEngine } from '../engine.ts';

const [url] = process.argv.slice(2);
const plugin = definePlugin({
  name: 'crash',
  version: '1.0.0',
  jobs: [
    {
      name: 'work',
      async handler(_payload, ctx) {
        await ctx.events.publish('done', {});
        process.stdout.write('running\n');
        await new Promise(() => {});
      },
    },
  ],
});
const config = {
  ...readConfig({ KIBAN_ADMIN_PASSWORD: 'crash-admin-password' }),
  dataDir: await mkdtemp(join(tmpdir(), 'kiban-crash-')),
  jobPollMilliseconds: 0,
};
const engine = await createEngine(config, {
  database: { url, embedded: false, close: async () => {} },
  plugins: [plugin],
  log: () => {},
});
await engine.plugins.context('crash').jobs.enqueue('work', {}, { key: 'once' });
await engine.jobs.runDue();
