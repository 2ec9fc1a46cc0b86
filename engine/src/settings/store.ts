import type { Sql } from '../data/index.ts';
import { open, type SealedSecret, seal } from './secret-box.ts';

export async function ensureSettingsTables(sql: Sql): Promise<void> {
  // Plain values and sealed secrets apart, so that a read for display never decrypts.
  await sql.run(`create table if not exists kiban_plugin_settings (
    plugin text primary key,
    plain jsonb not null default '{}',
    secrets jsonb not null default '{}',
    updated_at timestamptz(3) not null default clock_timestamp()
  )`);
}

interface StoredSettings {
  plain: Record<string, unknown>;
  secrets: Record<string, SealedSecret>;
}

async function readStored(sql: Sql, plugin: string): Promise<StoredSettings> {
  const [row] = await sql.query<{ plain: unknown; secrets: unknown }>(
    'select plain, secrets from kiban_plugin_settings where plugin = ?',
    [plugin],
  );
  const json = (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : (value ?? {}));
  return { plain: row ? json(row.plain) : {}, secrets: row ? json(row.secrets) : {} };
}

/** A plugin's settings in clear, for the plugin itself (`ctx.settings()`). */
export async function readSettings(sql: Sql, key: Buffer, plugin: string): Promise<Record<string, unknown>> {
  const stored = await readStored(sql, plugin);
  const values: Record<string, unknown> = { ...stored.plain };
  for (const [name, sealed] of Object.entries(stored.secrets)) values[name] = open(key, `${plugin}/${name}`, sealed);
  return values;
}

/** A plugin's settings as administrators see them: secrets only as whether they are set. */
export async function describeSettings(
  sql: Sql,
  plugin: string,
): Promise<{ values: Record<string, unknown>; secrets: Record<string, boolean> }> {
  const stored = await readStored(sql, plugin);
  return {
    values: stored.plain,
    secrets: Object.fromEntries(Object.keys(stored.secrets).map((name) => [name, true])),
  };
}

/**
 * Replaces a plugin's settings. `secretNames` are sealed; a secret left out of `values` keeps
 * its stored value (administrators never get it back to send again), and one given as null
 * is removed.
 */
export async function writeSettings(
  sql: Sql,
  key: Buffer,
  plugin: string,
  values: Record<string, unknown>,
  secretNames: ReadonlySet<string>,
): Promise<void> {
  const stored = await readStored(sql, plugin);
  const plain: Record<string, unknown> = {};
  const secrets: Record<string, SealedSecret> = { ...stored.secrets };
  for (const [name, value] of Object.entries(values)) {
    if (!secretNames.has(name)) plain[name] = value;
    else if (value === null) delete secrets[name];
    else secrets[name] = seal(key, `${plugin}/${name}`, value);
  }
  await sql.run(
    `insert into kiban_plugin_settings (plugin, plain, secrets) values (?, ?::jsonb, ?::jsonb)
       on conflict (plugin) do update set plain = excluded.plain, secrets = excluded.secrets, updated_at = clock_timestamp()`,
    [plugin, JSON.stringify(plain), JSON.stringify(secrets)],
  );
}

/** The stored values a new write is validated with: what is given, plus the secrets it keeps. */
export async function mergedForValidation(
  sql: Sql,
  key: Buffer,
  plugin: string,
  values: Record<string, unknown>,
  secretNames: ReadonlySet<string>,
): Promise<Record<string, unknown>> {
  const current = await readSettings(sql, key, plugin);
  const merged: Record<string, unknown> = { ...values };
  for (const name of secretNames) {
    if (!(name in values) && name in current) merged[name] = current[name];
    if (merged[name] === null) delete merged[name];
  }
  return merged;
}
