import { createHash } from 'node:crypto';
import type { PluginDefinition } from '@kiban/sdk';
import type { EntityManager } from '@mikro-orm/postgresql';
import { quoteIdent, rawQuery, sqlOf } from '../data/index.ts';
import { migrationChanged, migrationFailed, schemaNotCreated } from './plugin-errors.ts';
import { pluginSchema, withPluginSearchPath } from './storage-schema.ts';

/** The migrations applied to each plugin's schema, in order, with the digest of the SQL that ran. */
export const PLUGIN_MIGRATION_SQL = `create table if not exists kiban_plugin_migration (
  plugin text not null,
  id text not null,
  position integer not null,
  sha256 text not null,
  applied_at timestamptz not null default now(),
  primary key (plugin, id),
  unique (plugin, position)
)`;

/**
 * Applies the plugin's migrations not applied yet, in order, in `em`'s transaction (the
 * install's, serialised by its lock), after checking that the applied ones are still declared
 * as they ran, in the same order. Any failure throws, and the caller's transaction takes the
 * whole start back.
 */
export async function migratePluginStorage(em: EntityManager, definition: PluginDefinition): Promise<void> {
  const { name } = definition;
  const declared = definition.storage?.migrations ?? [];
  const sql = sqlOf(em);
  await sql.run(PLUGIN_MIGRATION_SQL);
  const applied = await sql.query<{ id: string; sha256: string }>(
    'select id, sha256 from kiban_plugin_migration where plugin = ? order by position',
    [name],
  );
  applied.forEach((row, position) => {
    const migration = declared[position];
    if (migration?.id !== row.id) throw migrationChanged(name, row.id, 'missing');
    if (digest(migration.sql) !== row.sha256) throw migrationChanged(name, row.id, 'edited');
  });
  const pending = declared.slice(applied.length);
  if (pending.length === 0) return;
  await ensureSchema(em, name);
  await withPluginSearchPath(em, name, async () => {
    for (const [index, migration] of pending.entries()) {
      try {
        await rawQuery(em, migration.sql);
      } catch (error) {
        throw migrationFailed(name, migration.id, error);
      }
      await sql.run('insert into kiban_plugin_migration (plugin, id, position, sha256) values (?, ?, ?, ?)', [
        name,
        migration.id,
        applied.length + index,
        digest(migration.sql),
      ]);
    }
  });
}

/**
 * Creates the schema unless it exists. Checked first because `create schema if not exists`
 * still needs the CREATE privilege on the database, which an administrator may rather not
 * give the engine's role (they create the schema for it instead, see DEVELOPERS.md).
 */
async function ensureSchema(em: EntityManager, plugin: string): Promise<void> {
  const schema = pluginSchema(plugin);
  const { rows } = await rawQuery(em, 'select 1 from pg_namespace where nspname = $1', [schema]);
  if (rows.length > 0) return;
  try {
    await rawQuery(em, `create schema ${quoteIdent(schema)}`);
  } catch (error) {
    throw schemaNotCreated(plugin, schema, error);
  }
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
