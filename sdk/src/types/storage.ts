/**
 * The plugin's own tables, in the PostgreSQL schema `plugin_<name>` (the name in snake_case:
 * `plugin_notifications`, `plugin_knowledge_search`). Migrations are ordered and append-only:
 * at each start the engine applies the ones not applied yet, in order, in one transaction with
 * the install or upgrade hook, and records each id with the sha256 of its SQL. A start is
 * refused when an applied migration was edited, removed or moved, and when one fails (nothing
 * of that start is kept). Write plain DDL without a schema name: it runs with
 * `search_path = plugin_<name>, public`. A migration may hold several statements.
 */
export interface PluginStorage {
  migrations: PluginMigration[];
}

export interface PluginMigration {
  /** Unique within the plugin, e.g. `001-inbox`; never rename or edit one that was released. */
  id: string;
  sql: string;
}

/**
 * Parametrised SQL (`$1`, `$2` …, values always bound) with `search_path` set to the plugin's
 * schema, then `public` — only for the statement's transaction, so it never leaks. Inside
 * `ctx.transaction`, a job, an event handler or an install/upgrade hook it joins that
 * transaction and rolls back with it; elsewhere each call commits on its own. The schema is
 * the boundary: create and change only your own tables; read records through `ctx.data` (which
 * applies policies) or `ctx.segments.select`; the engine's `kiban_*` tables are off-limits.
 * The statement runs as the engine's database role, so this is a convention the review keeps,
 * not a wall the database enforces.
 */
export interface SqlApi {
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: R[]; rowCount: number }>;
}

/**
 * A rule: a rule object as in metadata (`{ kind: 'rule', name, label, entity, condition }`; the
 * `entity` must be the entity asked for) or `{ segment: '<published rule name>' }`.
 */
export type SegmentRule = Record<string, unknown> | { segment: string };

export interface SegmentSelectOptions {
  /**
   * The column selected: the record `id` (default) or its `owner` principal id; or both, in the
   * order listed (`['id', 'owner']`), to keep which record brought which owner in.
   */
  select?: 'id' | 'owner' | ('id' | 'owner')[];
  /**
   * The number of the first placeholder (default 1): pass `n + 1` when the statement the
   * SELECT is embedded in already uses `$1 … $n`, then append `params` to yours.
   */
  paramOffset?: number;
}

export interface SegmentsApi {
  /**
   * The rule compiled to one SQL `SELECT` of the matching records of `entity`'s published table
   * (the columns `id` and/or `owner`), to embed in `INSERT … SELECT` or `… WHERE x IN (…)`. It is
   * evaluated as the system: every record counts, whatever any person may read. Refused with a
   * `PluginError` `segment.invalid` (422) or `segment.notFound` (404).
   */
  select(
    entity: string,
    rule: SegmentRule,
    options?: SegmentSelectOptions,
  ): Promise<{ text: string; params: unknown[] }>;
  /** Whether the record `id` of `entity` matches (the one-subject interpreter); false when it does not exist. */
  matches(entity: string, id: string, rule: SegmentRule): Promise<boolean>;
  /**
   * Many rules about `entity` prepared once for the one-subject interpreter, evaluated as the
   * system. Refused as `select` refuses a rule, now rather than on first use. Keep it while the
   * rules stay the same: it prepares itself again when the published metadata or the day
   * (Asia/Tokyo) changes, and on every use when a rule reads a relative instant.
   */
  matcher(entity: string, rules: SegmentRule[]): Promise<SegmentMatcher>;
}

export interface SegmentMatcher {
  /**
   * Which of the rules the record `id` meets, in the rules' order (all false when it does not
   * exist): the record and the records the rules' facts reach are read once, every rule decided
   * in one run.
   */
  matches(id: string): Promise<boolean[]>;
}
