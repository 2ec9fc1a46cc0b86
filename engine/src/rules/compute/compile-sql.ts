import { columnName, quoteIdent, tableName } from '../../data/naming.ts';
import { decimalLiteral, stringLiteral } from '../../data/sql-literals.ts';
import type { ComputedField } from '../../metadata/compute-graph.ts';
import type { ResolvedExpression } from '../../metadata/compute-resolve.ts';
import type { EntityMetadata } from '../../metadata/types.ts';
import { publicHolidays } from '../business-days.ts';
import { textLimit } from './evaluate.ts';
import { DIVISION_SCALE } from './exact-decimal.ts';

/**
 * The SQL interpreter of computed fields. Statements carry no bind parameters (every literal
 * is checked and quoted here), so that the same text runs in a write's transaction and as a
 * migration step. Numbers are computed as `numeric`, exactly like exact-decimal.ts; the column
 * assignment rounds half away from zero as evaluateCompute does.
 */

/** How aggregates are read: one correlated subquery per row, or grouped once and joined (backfill). */
type Strategy = 'correlated' | 'joined';

interface Compilation {
  strategy: Strategy;
  next: number;
  /** Joined strategy: the grouped subqueries, each `alias` with columns `k` (parent id) and `v`. */
  joins: { alias: string; sql: string; table: string; inverse: string }[];
}

const SUBJECT = 't';

/**
 * One UPDATE that stores every computed field of `entity` for the rows `where` selects (a
 * condition on alias `t`), returning their ids and stored values as text (`v0`… in field order). Correlated subqueries:
 * cheap for a few rows.
 */
export function recomputeStatement(entity: EntityMetadata, fields: readonly ComputedField[], where: string): string {
  return recomputeStatementFor(entity, fields)(where);
}

/** `recomputeStatement` compiled once, for any `where`: a write keeps it instead of compiling it again. */
export function recomputeStatementFor(
  entity: EntityMetadata,
  fields: readonly ComputedField[],
): (where: string) => string {
  const compilation: Compilation = { strategy: 'correlated', next: 0, joins: [] };
  const sets = fields.map(({ field, expression }) => assignment(field, expression, SUBJECT, compilation));
  // The stored values come back as text, so the write can answer with them without reading the row again.
  const stored = fields.map(({ field }, i) => `${SUBJECT}.${quoteIdent(columnName(field))}::text as v${i}`);
  const head = `update ${quoteIdent(tableName(entity.name))} ${SUBJECT} set ${sets.join(', ')} where `;
  const tail = ` returning ${[`${SUBJECT}.id`, ...stored].join(', ')}`;
  return (where) => `${head}${where}${tail}`;
}

/**
 * Set-based UPDATEs that store the computed fields in every row: each aggregate is grouped
 * once over its whole collection table and joined, instead of a subquery per row. With one
 * grouped collection, rows that have line items are updated through an inner join and the
 * rows without any through an anti-join (cheaper than joining the table to itself); with
 * several, one statement joins the table to itself so that every row meets every group.
 */
export function backfillStatements(entity: EntityMetadata, fields: readonly ComputedField[]): string[] {
  const compilation: Compilation = { strategy: 'joined', next: 0, joins: [] };
  const table = quoteIdent(tableName(entity.name));
  const sets = fields.map(({ field, expression }) => assignment(field, expression, 's', compilation));
  const { joins } = compilation;
  const [join] = joins;
  if (joins.length === 0 || !join) return [`update ${table} s set ${sets.join(', ')}`];
  if (joins.length === 1) {
    const correlated = recomputeStatement(
      entity,
      fields,
      `not exists (select 1 from ${join.table} x where x.${join.inverse} = t.id)`,
    );
    return [
      `update ${table} s set ${sets.join(', ')} from (${join.sql}) ${join.alias} where ${join.alias}.k = s.id`,
      correlated,
    ];
  }
  const joined = joins.map((each) => `left join (${each.sql}) ${each.alias} on ${each.alias}.k = p.id`);
  return [`update ${table} s set ${sets.join(', ')} from ${table} p ${joined.join(' ')} where p.id = s.id`];
}

function assignment(
  field: ComputedField['field'],
  expression: ResolvedExpression,
  subject: string,
  compilation: Compilation,
): string {
  let value = sql(expression, subject, compilation);
  const limit = textLimit(field);
  if (expression.kind === 'text' && limit !== undefined) value = `left(${value}, ${limit})`;
  return `${quoteIdent(columnName(field))} = ${value}`;
}

function sql(expression: ResolvedExpression, subject: string, compilation: Compilation): string {
  switch (expression.node) {
    case 'literal':
      if (expression.kind === 'text') return stringLiteral(String(expression.value));
      if (expression.kind === 'date') return `${stringLiteral(String(expression.value))}::date`;
      return `(${decimalLiteral(String(expression.value))})::numeric`;
    case 'field':
      return expression.compute
        ? sql(expression.compute, subject, compilation)
        : cast(`${subject}.${quoteIdent(columnName(expression.field))}`, expression.kind);
    case 'reference': {
      const alias = `r${compilation.next++}`;
      const column = cast(`${alias}.${quoteIdent(columnName(expression.field))}`, expression.kind);
      const table = quoteIdent(tableName(expression.target.name));
      return `(select ${column} from ${table} ${alias} where ${alias}.id = ${subject}.${quoteIdent(columnName(expression.reference))})`;
    }
    case 'count':
    case 'aggregate':
      return aggregateSql(expression, subject, compilation);
    case 'arithmetic':
      return arithmeticSql(
        expression.fn,
        expression.args.map((arg) => sql(arg, subject, compilation)),
      );
    case 'concat':
      return `concat(${expression.args.map((arg) => sql(arg, subject, compilation)).join(', ')})`;
    case 'date':
      return dateSql(
        expression.fn,
        expression.args.map((arg) => sql(arg, subject, compilation)),
      );
  }
}

function cast(column: string, kind: ResolvedExpression['kind']): string {
  if (kind === 'integer' || kind === 'decimal') return `${column}::numeric`;
  return kind === 'date' ? `${column}::date` : `${column}::text`;
}

function aggregateSql(
  expression: Extract<ResolvedExpression, { node: 'count' | 'aggregate' }>,
  subject: string,
  compilation: Compilation,
): string {
  const alias = `c${compilation.next++}`;
  const table = quoteIdent(tableName(expression.target.name));
  const inverse = `${alias}.${quoteIdent(columnName(expression.inverse))}`;
  const value =
    expression.node === 'count'
      ? 'count(*)::numeric'
      : `${expression.fn}(${sql(expression.value, alias, compilation)})`;
  // A sum or count over no rows is 0; min and max of nothing stay empty.
  const empty = expression.node === 'count' || expression.fn === 'sum' ? '0' : undefined;
  if (compilation.strategy === 'correlated') {
    const selected = empty === undefined ? value : `coalesce(${value}, ${empty})`;
    return `(select ${selected} from ${table} ${alias} where ${inverse} = ${subject}.id)`;
  }
  const join = `j${compilation.joins.length}`;
  compilation.joins.push({
    alias: join,
    table,
    inverse: quoteIdent(columnName(expression.inverse)),
    sql: `select ${inverse} as k, ${value} as v from ${table} ${alias} where ${inverse} is not null group by ${inverse}`,
  });
  return empty === undefined ? `${join}.v` : `coalesce(${join}.v, ${empty})`;
}

function arithmeticSql(fn: 'add' | 'sub' | 'mul' | 'div', args: string[]): string {
  if (fn === 'div') {
    const [a, b] = args as [string, string];
    // Rounded half away from zero to DIVISION_SCALE digits with exact integer division, as
    // exact-decimal.ts does: numeric `/` keeps fewer digits for large quotients.
    const scale = 10n ** BigInt(DIVISION_SCALE);
    const unit = `0.${'0'.repeat(DIVISION_SCALE - 1)}1`;
    return `(sign(${a}) * sign(${b}) * div(2 * abs(${a}) * ${scale} + abs(${b}), 2 * abs(nullif(${b}, 0))) * ${unit})`;
  }
  const operator = fn === 'add' ? '+' : fn === 'sub' ? '-' : '*';
  return `(${args.join(` ${operator} `)})`;
}

let holidayArray: string | undefined;

/** The calendar's public holidays as one date[] literal, built once. */
function holidays(): string {
  holidayArray ??= `${stringLiteral(`{${publicHolidays().join(',')}}`)}::date[]`;
  return holidayArray;
}

function dateSql(fn: string, args: string[]): string {
  const [a, b] = args as [string, string];
  switch (fn) {
    case 'addDays':
      return `(${a} + (${b})::integer)`;
    case 'daysBetween':
      return `((${b}) - (${a}))::numeric`;
    case 'ageOn':
      return `(extract(year from ${b})::numeric - extract(year from ${a})::numeric - case when to_char(${a}, 'MMDD') > to_char(${b}, 'MMDD') then 1 else 0 end)`;
    default: {
      // The n-th business day after the date, found among the next 2n + 20 calendar days: a
      // closure (Golden Week, the year end) never spans more than those 20 extra days.
      const n = `(${b})::integer`;
      const days = `generate_series((${a})::timestamp + interval '1 day', (${a})::timestamp + (20 + 2 * ${n}) * interval '1 day', interval '1 day')`;
      const open = `extract(isodow from g) < 6 and to_char(g, 'MM-DD') between '01-04' and '12-28' and g::date <> all(${holidays()})`;
      return `(case when ${n} <= 0 then (${a}) else (select g::date from ${days} g where ${open} order by g offset ${n} - 1 limit 1) end)`;
    }
  }
}
