import { join } from 'node:path';
import { type Actor, definePlugin, type PluginDefinition } from '@kiban/sdk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../data/index.ts';
import { KibanError } from '../errors.ts';
import { openTestDatabase, testDatabaseKinds } from '../testing/index.ts';
import { closeTracked, keepOpen, metadataDir, NOTE_ENTITY, NOTE_ROLES, startOn } from './plugin-test-support.ts';

const SYSTEM: Actor = { kind: 'system' };

async function refusal(start: Promise<unknown>): Promise<KibanError> {
  const error = await start.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof KibanError)) throw new Error(`expected the start to fail with a KibanError, got ${error}`);
  return error;
}

/** Connections other than the caller's to the test database on the server; PGlite has no such view. */
/**
 * Server connections still open to the database. A backend leaves pg_stat_activity a moment
 * after its client hung up, so the count is read again for a while before a leak is believed.
 */
async function connectionsTo(database: DatabaseHandle): Promise<number> {
  if (database.embedded) return 0;
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: process.env.KIBAN_TEST_DATABASE_URL });
  await client.connect();
  try {
    const name = new URL(database.url).pathname.slice(1);
    let open = 0;
    for (let attempt = 0; attempt < 50; attempt++) {
      const { rows } = await client.query('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
      open = rows[0].n;
      if (open === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return open;
  } finally {
    await client.end();
  }
}

describe.each(testDatabaseKinds())('plugin lifecycle on %s', (kind) => {
  let database: DatabaseHandle;
  let notes: string;
  beforeEach(async () => {
    database = await openTestDatabase(kind);
    notes = await metadataDir([NOTE_ENTITY]);
  });
  afterEach(() => database.close());

  /** Records which hooks ran; `install` seeds one note as the plugin itself. */
  function counter(version: string, calls: string[], extra: Partial<PluginDefinition> = {}): PluginDefinition {
    return definePlugin({
      name: 'counter',
      version,
      metadata: [notes],
      async install(ctx) {
        calls.push('install');
        await ctx.data(SYSTEM).create('Note', { title: 'seeded' });
      },
      async upgrade(_ctx, from) {
        calls.push(`upgrade from ${from}`);
      },
      ...extra,
    });
  }

  async function runOnce(plugins: PluginDefinition[]) {
    const engine = await startOn(keepOpen(database), plugins);
    await engine.close();
  }

  it('installs once across starts, and upgrades once per new version with the version before', async () => {
    const calls: string[] = [];
    await runOnce([counter('1.0.0', calls)]);
    await runOnce([counter('1.0.0', calls)]);
    await runOnce([counter('1.1.0', calls)]);
    await runOnce([counter('1.1.0', calls)]);
    expect(calls).toEqual(['install', 'upgrade from 1.0.0']);

    const engine = await startOn(keepOpen(database), [counter('1.1.0', calls)]);
    try {
      const [state] = await engine
        .live()
        .sql()
        .query<{ version: string; upgraded: boolean }>(
          'select version, upgraded_at is not null as upgraded from kiban_plugin_state where name = ?',
          ['counter'],
        );
      expect(state).toEqual({ version: '1.1.0', upgraded: true });
      expect(await engine.plugins.context('counter').data(SYSTEM).count('Note')).toBe(1);
      // The system actor is audited as the plugin's own system principal, with the plugin named.
      const audit = await engine
        .live()
        .sql()
        .query<{ principal_kind: string; username: string; detail: unknown }>(
          `select a.principal_kind, p.username, a.detail from kiban_audit a join kiban_principal p on p.id = a.principal_id
         where a.action = 'create' and a.entity = 'Note'`,
        );
      expect(audit).toEqual([{ principal_kind: 'system', username: 'plugin:counter', detail: { plugin: 'counter' } }]);
    } finally {
      await engine.close();
    }
  });

  it('keeps no record and none of the writes of an install that fails, and installs again next time', async () => {
    const calls: string[] = [];
    const failing = counter('1.0.0', calls, {
      async install(ctx) {
        calls.push('install');
        await ctx.data(SYSTEM).create('Note', { title: 'half-done' });
        throw new Error('the directory service is down');
      },
    });
    const error = await refusal(startOn(keepOpen(database), [failing]));
    expect(error.code).toBe('plugin.failed');
    expect(error.localized.en).toBe('The plugin "counter" failed to install: the directory service is down');

    const engine = await startOn(keepOpen(database), [counter('1.0.0', calls)]);
    try {
      expect(calls).toEqual(['install', 'install']);
      const titles = (await engine.plugins.context('counter').data(SYSTEM).list('Note')).map((note) => note.title);
      expect(titles).toEqual(['seeded']);
    } finally {
      await engine.close();
    }
  });

  it('refuses to start when a requirement is unmet, and closes the database it was given', async () => {
    const tracked = closeTracked(database);
    const needy = definePlugin({
      name: 'needy',
      version: '1.0.0',
      requires: { engine: '>=9.0.0', plugins: { ledger: '^1.0.0' } },
    });
    const error = await refusal(startOn(tracked.handle, [needy]));
    expect(error.code).toBe('plugin.requirementUnmet');
    expect(error.localized.en).toContain('"needy" requires engine >=9.0.0');
    expect(error.localized.en).toContain('"needy" requires the plugin "ledger" (^1.0.0), which is not loaded');
    expect(tracked.closed()).toBe(true);
  });

  it('names a plugin that fails to start, stops the plugins started before it, and leaves nothing open', async () => {
    const calls: string[] = [];
    let openAtClose = -1;
    const tracked = closeTracked(database, async () => {
      openAtClose = await connectionsTo(database);
    });
    const good = definePlugin({
      name: 'good',
      version: '1.0.0',
      start: async () => void calls.push('good started'),
      stop: async () => void calls.push('good stopped'),
    });
    const broken = definePlugin({
      name: 'broken',
      version: '1.0.0',
      requires: { plugins: { good: '^1.0.0' } },
      start: async () => {
        throw new Error('cannot reach the ledger');
      },
      stop: async () => void calls.push('broken stopped'),
    });
    const error = await refusal(startOn(tracked.handle, [broken, good]));
    expect(error.code).toBe('plugin.failed');
    expect(error.localized.en).toBe('The plugin "broken" failed to start: cannot reach the ledger');
    expect(calls).toEqual(['good started', 'good stopped']);
    expect(tracked.closed()).toBe(true);
    expect(openAtClose).toBe(0);
  });

  it('publishes plugin metadata before the app, which may refer to it, and names the plugin and file of a problem', async () => {
    const reader = { ...NOTE_ROLES[0], name: 'app-note-reader' };
    const engine = await startOn(
      keepOpen(database),
      [definePlugin({ name: 'scribe', version: '1.0.0', metadata: [notes] })],
      {
        seed: [await metadataDir([reader])],
      },
    );
    expect(engine.live().item('role', 'app-note-reader')).toBeDefined();
    await engine.close();

    const broken = await metadataDir([
      { ...NOTE_ENTITY, fields: [{ name: 'title', type: 'strng', label: { ja: '題名' } }] },
    ]);
    const plugin = definePlugin({ name: 'scribe', version: '1.0.0', metadata: [broken] });
    const error = await refusal(startOn(keepOpen(database), [plugin]));
    expect(error.code).toBe('plugin.metadataInvalid');
    expect(error.localized.en).toMatch(/^The metadata of the plugin\(s\) scribe has 1 problem\(s\)/);
    expect(error.details).toEqual([
      expect.objectContaining({ pointer: `${join(broken, 'items/0-Note.json')}#/fields/0/type`, code: 'schema.enum' }),
    ]);
  });

  it('starts plugins after those they require and stops them in reverse order on close', async () => {
    const calls: string[] = [];
    const hooks = (name: string) => ({
      start: async () => void calls.push(`${name} started`),
      stop: async () => void calls.push(`${name} stopped`),
    });
    const engine = await startOn(keepOpen(database), [
      definePlugin({ name: 'chat', version: '1.0.0', requires: { plugins: { identity: '*' } }, ...hooks('chat') }),
      definePlugin({ name: 'identity', version: '1.0.0', ...hooks('identity') }),
    ]);
    expect(engine.plugins.names).toEqual(['identity', 'chat']);
    await engine.close();
    expect(calls).toEqual(['identity started', 'chat started', 'chat stopped', 'identity stopped']);
  });
});
