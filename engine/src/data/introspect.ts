import type { ColumnType } from './column-types.ts';
import { APP_TABLE_PREFIX } from './naming.ts';
import type { Sql } from './sql.ts';

export interface LiveColumn {
  name: string;
  type: ColumnType;
  nullable: boolean;
  /** The default expression as PostgreSQL prints it, e.g. `'abc'::character varying`. */
  default: string | null;
}

export interface LiveIndex {
  name: string;
  /** Column names in index order; an expression index lists only its plain columns. */
  columns: string[];
  unique: boolean;
  primary: boolean;
  /** True when the index belongs to a unique or primary-key constraint (dropped with the constraint). */
  constraint: boolean;
  /** True for expression or partial indexes, which metadata never declares. */
  special: boolean;
}

export interface LiveForeignKey {
  name: string;
  columns: string[];
  referencedTable: string;
  referencedColumns: string[];
  onDelete: 'no action' | 'restrict' | 'cascade' | 'set null' | 'set default';
  /** Checked at commit rather than per statement. */
  deferred: boolean;
}

export interface LiveTable {
  name: string;
  columns: LiveColumn[];
  indexes: LiveIndex[];
  foreignKeys: LiveForeignKey[];
}

export interface LiveSchema {
  tables: LiveTable[];
}

/** PostgreSQL's internal type names mapped to the short names column-types.ts uses. */
const TYPE_NAMES: Record<string, string> = {
  int2: 'smallint',
  int4: 'integer',
  int8: 'bigint',
  bool: 'boolean',
  float4: 'real',
  float8: 'double precision',
  bpchar: 'char',
};

const ON_DELETE: Record<string, LiveForeignKey['onDelete']> = {
  a: 'no action',
  r: 'restrict',
  c: 'cascade',
  n: 'set null',
  d: 'set default',
};

interface ColumnRow {
  table_name: string;
  column_name: string;
  udt_name: string;
  character_maximum_length: number | null;
  numeric_precision: number | null;
  numeric_scale: number | null;
  datetime_precision: number | null;
  is_nullable: 'YES' | 'NO';
  column_default: string | null;
}

interface IndexRow {
  table_name: string;
  index_name: string;
  columns: string[];
  is_unique: boolean;
  is_primary: boolean;
  is_constraint: boolean;
  is_special: boolean;
}

interface ForeignKeyRow {
  table_name: string;
  name: string;
  columns: string[];
  referenced_table: string;
  referenced_columns: string[];
  on_delete: string;
  deferred: boolean;
}

/** Reads the app's tables (`app_%` in the current schema) with columns, indexes and foreign keys. */
export async function readLiveSchema(sql: Sql): Promise<LiveSchema> {
  const columns = await sql.query<ColumnRow>(
    `select c.table_name::text as table_name, c.column_name::text as column_name, c.udt_name::text as udt_name,
            c.character_maximum_length::int as character_maximum_length, c.numeric_precision::int as numeric_precision,
            c.numeric_scale::int as numeric_scale, c.datetime_precision::int as datetime_precision,
            c.is_nullable::text as is_nullable, c.column_default::text as column_default
       from information_schema.columns c
       join information_schema.tables t
         on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
      where c.table_schema = current_schema() and starts_with(c.table_name::text, ?)
      order by c.table_name, c.ordinal_position`,
    [APP_TABLE_PREFIX],
  );
  const indexes = await sql.query<IndexRow>(
    `select t.relname::text as table_name, i.relname::text as index_name, ix.indisunique as is_unique,
            ix.indisprimary as is_primary,
            exists (select 1 from pg_constraint con where con.conindid = i.oid and con.contype in ('u', 'p', 'x')) as is_constraint,
            (ix.indexprs is not null or ix.indpred is not null) as is_special,
            array(select a.attname::text
                    from unnest(ix.indkey::int2[]) with ordinality as k(attnum, ord)
                    join pg_attribute a on a.attrelid = t.oid and a.attnum = k.attnum
                   order by k.ord) as columns
       from pg_index ix
       join pg_class i on i.oid = ix.indexrelid
       join pg_class t on t.oid = ix.indrelid
       join pg_namespace n on n.oid = t.relnamespace
      where n.nspname = current_schema() and t.relkind = 'r' and starts_with(t.relname::text, ?)
      order by t.relname, i.relname`,
    [APP_TABLE_PREFIX],
  );
  const foreignKeys = await sql.query<ForeignKeyRow>(
    `select t.relname::text as table_name, con.conname::text as name, ft.relname::text as referenced_table,
            con.confdeltype::text as on_delete, (con.condeferrable and con.condeferred) as deferred,
            array(select a.attname::text from unnest(con.conkey) with ordinality as k(attnum, ord)
                    join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.attnum order by k.ord) as columns,
            array(select a.attname::text from unnest(con.confkey) with ordinality as k(attnum, ord)
                    join pg_attribute a on a.attrelid = con.confrelid and a.attnum = k.attnum order by k.ord)
              as referenced_columns
       from pg_constraint con
       join pg_class t on t.oid = con.conrelid
       join pg_class ft on ft.oid = con.confrelid
       join pg_namespace n on n.oid = t.relnamespace
      where con.contype = 'f' and n.nspname = current_schema() and starts_with(t.relname::text, ?)
      order by t.relname, con.conname`,
    [APP_TABLE_PREFIX],
  );
  return assemble(columns, indexes, foreignKeys);
}

function assemble(columns: ColumnRow[], indexes: IndexRow[], foreignKeys: ForeignKeyRow[]): LiveSchema {
  const tables = new Map<string, LiveTable>();
  const tableOf = (name: string): LiveTable => {
    let table = tables.get(name);
    if (!table) {
      table = { name, columns: [], indexes: [], foreignKeys: [] };
      tables.set(name, table);
    }
    return table;
  };
  for (const row of columns) {
    tableOf(row.table_name).columns.push({
      name: row.column_name,
      type: liveColumnType(row),
      nullable: row.is_nullable === 'YES',
      default: row.column_default,
    });
  }
  for (const row of indexes) {
    tableOf(row.table_name).indexes.push({
      name: row.index_name,
      columns: row.columns,
      unique: row.is_unique,
      primary: row.is_primary,
      constraint: row.is_constraint,
      special: row.is_special,
    });
  }
  for (const row of foreignKeys) {
    tableOf(row.table_name).foreignKeys.push({
      name: row.name,
      columns: row.columns,
      referencedTable: row.referenced_table,
      referencedColumns: row.referenced_columns,
      onDelete: ON_DELETE[row.on_delete] ?? 'no action',
      deferred: row.deferred,
    });
  }
  return { tables: [...tables.values()] };
}

function liveColumnType(row: ColumnRow): ColumnType {
  const base = TYPE_NAMES[row.udt_name] ?? row.udt_name;
  if ((base === 'varchar' || base === 'char') && row.character_maximum_length !== null) {
    return { base, length: row.character_maximum_length };
  }
  if (base === 'numeric' && row.numeric_precision !== null) {
    return { base, precision: row.numeric_precision, scale: row.numeric_scale ?? 0 };
  }
  if (
    (base === 'timestamptz' || base === 'timestamp' || base === 'time' || base === 'timetz') &&
    row.datetime_precision !== null
  ) {
    return { base, precision: row.datetime_precision };
  }
  return { base };
}
