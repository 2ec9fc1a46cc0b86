import type { EntityManager } from '@mikro-orm/postgresql';
import { quoteIdent, rawQuery } from '../data/index.ts';

/** The PostgreSQL schema a plugin's own tables live in: `plugin_<name in snake_case>` (names are kebab-case). */
export function pluginSchema(plugin: string): string {
  return `plugin_${plugin.replaceAll('-', '_')}`;
}

/**
 * Runs `work` with `search_path` = the plugin's schema, then public, and puts the previous
 * path back after it. `set_config(…, true)` is `SET LOCAL`: it ends with the transaction, so
 * a pooled connection never carries it to someone else. After a failure the path is left as
 * it is: on PostgreSQL that transaction can only roll back.
 */
export async function withPluginSearchPath<T>(em: EntityManager, plugin: string, work: () => Promise<T>): Promise<T> {
  const set = "select current_setting('search_path') as previous, set_config('search_path', $1, true)";
  const { rows } = await rawQuery<{ previous: string }>(em, set, [`${quoteIdent(pluginSchema(plugin))}, public`]);
  const result = await work();
  await rawQuery(em, "select set_config('search_path', $1, true)", [rows[0]?.previous ?? 'public']);
  return result;
}
