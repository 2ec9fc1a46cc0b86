import semver from 'semver';
import { sqlOf } from '../data/index.ts';
import { KibanError } from '../errors.ts';
import type { LiveApp } from '../runtime/live-app.ts';
import { ensureSystemPrincipal } from './actors.ts';
import type { PluginRuntime } from './context.ts';
import { pluginFailed } from './plugin-errors.ts';
import { migratePluginStorage } from './storage-migrations.ts';
import { inPluginTransaction } from './transaction-context.ts';

/** Which version of each plugin the database has been installed or upgraded for. */
export const PLUGIN_STATE_SQL = `create table if not exists kiban_plugin_state (
  name text primary key,
  version text not null,
  installed_at timestamptz not null default now(),
  upgraded_at timestamptz
)`;

/** Serialises installs across every engine node sharing the database. */
const PLUGIN_LOCK = 4_201_776;

/**
 * Runs the plugin's `install` hook the first time, or `upgrade` with the version installed
 * before when the version is newer, and records the version — in ONE transaction with the
 * hook, so a hook that fails leaves no record (and none of its writes) and runs again on the
 * next start. Also makes sure the plugin's system principal exists, and applies its storage
 * migrations first, in the same transaction, so the hook finds its tables.
 */
export async function installPlugin(runtime: PluginRuntime, live: () => LiveApp, committed: () => void): Promise<void> {
  const { definition, context } = runtime;
  const { name, version } = definition;
  await inPluginTransaction(live, committed, async ({ em }) => {
    const sql = sqlOf(em);
    await sql.query('select pg_advisory_xact_lock(?)', [PLUGIN_LOCK]);
    await sql.run(PLUGIN_STATE_SQL);
    runtime.systemPrincipal = await ensureSystemPrincipal(sql, name);
    await migratePluginStorage(em, definition);
    const [state] = await sql.query<{ version: string }>('select version from kiban_plugin_state where name = ?', [
      name,
    ]);
    if (!state) {
      await hook(name, 'install', () => definition.install?.(context));
      await sql.run('insert into kiban_plugin_state (name, version) values (?, ?)', [name, version]);
    } else if (semver.gt(version, state.version)) {
      await hook(name, 'upgrade', () => definition.upgrade?.(context, state.version));
      await sql.run('update kiban_plugin_state set version = ?, upgraded_at = now() where name = ?', [version, name]);
    } else if (semver.lt(version, state.version)) {
      throw downgrade(name, version, state.version);
    }
  });
}

async function hook(name: string, stage: 'install' | 'upgrade', run: () => Promise<void> | undefined): Promise<void> {
  try {
    await run();
  } catch (error) {
    throw pluginFailed(name, stage, error);
  }
}

function downgrade(name: string, version: string, installed: string): KibanError {
  return new KibanError('plugin.downgrade', 500, {
    ja: `プラグイン「${name}」${version} は、このデータベースにインストール済みの ${installed} より古い版です。`,
    en: `The plugin "${name}" ${version} is older than ${installed}, which this database was installed with.`,
  });
}
