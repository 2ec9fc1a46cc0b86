import { columnName, quoteIdent, SYSTEM_COLUMN_NAMES, tableName } from '../data/index.ts';
import { isSystemField, resolveReportField } from '../metadata/report-fields.ts';
import type { ResolvedFact } from '../metadata/rule-facts.ts';
import type { EntityMetadata, RuleCondition } from '../metadata/types.ts';
import { groupByName, type ReportGroupBy, type ReportMetadata } from '../metadata/types.ts';
import {
  compileRuleCondition,
  evaluationDate,
  type ReadableIds,
  type ReadableRows,
  RULE_TIME_ZONE,
  SUBJECT_ALIAS,
} from '../rules/index.ts';
import { canCombineFromCells, measureSql } from './aggregates.ts';

/** The most cells (and, separately, subtotals) one run returns: a high-cardinality group-by is capped here. */
export const MAX_REPORT_CELLS = 1000;

export interface Dimension {
  name: string;
  groupBy: ReportGroupBy;
  fact: ResolvedFact;
}

export interface CompiledReport {
  text: string;
  values: unknown[];
  dimensions: Dimension[];
  /** Cells asked for: the report's limit or the cap; one more is fetched to tell whether there were more. */
  cellLimit: number;
}

export interface CompileReportOptions {
  entity: EntityMetadata;
  entities: ReadonlyMap<string, EntityMetadata>;
  /** The filter with its parameters bound; null filters nothing. */
  condition: RuleCondition | null;
  /** The caller's row policy per entity as a query of ids, for the filter's reference and count facts. */
  readableIds: ReadableIds;
  /** The same policy as a condition on the scanned table's alias, for the subject and the joined rows. */
  readableRows: ReadableRows;
  now: Date;
  maxCells?: number;
  /** Instead of the aggregate: the ids of the rows behind the cell with these keys (as the result gives them). */
  drillDown?: { keys: (string | null)[]; limit: number };
}

/**
 * One statement: the subject's rows the caller may read that meet the filter, with one
 * many-to-one join per reference a group-by or measure goes through (joined rows limited to
 * the readable ones) — both policies conditions on the scanned rows, not semi-joins — grouped by grouping sets — the cells, one subtotal per value of each of
 * two dimensions, and the grand total — so that totals come from the same snapshot. Cells are
 * sorted and limited in SQL; nothing but the aggregates leaves the database.
 */
export function compileReport(report: ReportMetadata, options: CompileReportOptions): CompiledReport {
  const { entity, entities, readableIds, readableRows } = options;
  const values: unknown[] = [];
  const bind = (value: unknown, cast: string) => {
    values.push(value);
    return `$${values.length}::${cast}`;
  };
  const joins = new Map<string, { alias: string; sql: string }>();
  const column = (fact: ResolvedFact): string => {
    if (fact.source === 'field') {
      const name = isSystemField(entity, fact.field.name)
        ? SYSTEM_COLUMN_NAMES[fact.field.name as 'createdAt' | 'updatedAt']
        : columnName(fact.field);
      return `${SUBJECT_ALIAS}.${quoteIdent(name)}`;
    }
    if (fact.source !== 'reference') throw new Error(`A report field cannot be a ${fact.source} fact`);
    let join = joins.get(fact.reference.name);
    if (!join) {
      const alias = `r${joins.size}`;
      const readable = readableRows(fact.target, alias);
      const policy = readable === null ? '' : ` and ${readable}`;
      const on = `${alias}.id = ${SUBJECT_ALIAS}.${quoteIdent(columnName(fact.reference))}${policy}`;
      join = { alias, sql: `left join ${quoteIdent(tableName(fact.target.name))} ${alias} on ${on}` };
      joins.set(fact.reference.name, join);
    }
    return `${join.alias}.${quoteIdent(columnName(fact.field))}`;
  };
  const resolve = (name: string): ResolvedFact => {
    const fact = resolveReportField(name, entity, entities);
    if ('problem' in fact) throw new Error(`The published report field ${name} does not resolve`);
    return fact;
  };
  const today = evaluationDate(options.now).today;

  const dimensions = (report.groupBy ?? []).map((groupBy) => ({
    name: groupByName(groupBy),
    groupBy,
    fact: resolve(groupBy.field),
  }));
  const inner: string[] = dimensions.map(
    (dimension, i) => `${groupExpression(dimension, column(dimension.fact), today, bind)} as g${i}`,
  );
  const facts = report.measures.map((measure) => (measure.field === undefined ? undefined : resolve(measure.field)));
  for (const [i, fact] of facts.entries()) if (fact) inner.push(`${column(fact)} as v${i}`);
  const combine = dimensions.length > 0 && canCombineFromCells(report.measures);
  const measures = measureSql(report.measures, facts, combine);

  const where: string[] = [];
  if (options.condition) {
    const compiled = compileRuleCondition(
      { kind: 'rule', name: report.name, label: report.label, entity: entity.name, condition: options.condition },
      entity,
      { now: options.now, entities, readableIds, firstPlaceholder: values.length + 1 },
    );
    values.push(...compiled.values);
    where.push(compiled.where);
  }
  const own = readableRows(entity, SUBJECT_ALIAS);
  if (own !== null) where.push(own);
  const from = [
    `from ${quoteIdent(tableName(entity.name))} ${SUBJECT_ALIAS}`,
    ...[...joins.values()].map((join) => join.sql),
  ];
  const subquery = `select ${[`${SUBJECT_ALIAS}.id as rid`, ...inner].join(', ')} ${from.join(' ')}${where.length > 0 ? ` where ${where.join(' and ')}` : ''}`;

  if (options.drillDown) {
    const { keys, limit } = options.drillDown;
    const same = dimensions.map((dimension, i) => {
      values.push(keys[i] ?? null);
      return `${keyText(dimension, `s.g${i}`)} is not distinct from $${values.length}::text`;
    });
    const text = `select s.rid as id from (${subquery}) s${same.length > 0 ? ` where ${same.join(' and ')}` : ''} order by s.rid limit ${limit}`;
    return { text, values, dimensions, cellLimit: limit };
  }
  const cellLimit = Math.min(report.limit ?? Number.POSITIVE_INFINITY, options.maxCells ?? MAX_REPORT_CELLS);
  const selected = measures.columns.join(', ');
  if (dimensions.length === 0) {
    return { text: `select 0 as level, ${selected} from (${subquery}) s`, values, dimensions, cellLimit };
  }
  const rowKeys = dimensions.map((_, i) => `s.g${i}`);
  const grouped = combine
    ? [
        `with c as materialized (select ${[...rowKeys, ...measures.partials].join(', ')} from (${subquery}) s group by ${rowKeys.join(', ')}),`,
        `g as (select ${keyList('c', dimensions.length)}, grouping(${keyList('c', dimensions.length)})::int as level, ${selected}`,
        `from c group by grouping sets (${groupingSets(dimensions.map((_, i) => `c.g${i}`))}))`,
      ]
    : [
        `with g as (select ${rowKeys.join(', ')}, grouping(${rowKeys.join(', ')})::int as level, ${selected}`,
        `from (${subquery}) s group by grouping sets (${groupingSets(rowKeys)}))`,
      ];
  const output = outputColumns(dimensions, report.measures.length);
  const text = [
    ...grouped,
    `(select ${output} from g where level = 0`,
    `order by ${orderBy(report, dimensions)} limit ${cellLimit + 1})`,
    'union all',
    `(select ${output} from g where level <> 0 limit ${2 * cellLimit + 2})`,
  ].join(' ');
  return { text, values, dimensions, cellLimit };
}

/** Cells, the subtotals of each of two dimensions, and the grand total; with three, the cells and the total. */
function groupingSets(keys: string[]): string {
  const all = `(${keys.join(', ')})`;
  if (keys.length === 2) return `${all}, (${keys[0]}), (${keys[1]}), ()`;
  return `${all}, ()`;
}

/** A group key as the result gives it: text, a month as YYYY-MM. */
function keyText(dimension: Dimension, key: string): string {
  return dimension.groupBy.bucket === 'month' ? `to_char(${key}, 'YYYY-MM')` : `${key}::text`;
}

function keyList(alias: string, count: number): string {
  return Array.from({ length: count }, (_, i) => `${alias}.g${i}`).join(', ');
}

/** Group keys leave as text (dates and numbers too), so that the API and exports see one form; a month as YYYY-MM. */
function outputColumns(dimensions: Dimension[], measureCount: number): string {
  const keys = dimensions.map((dimension, i) => `${keyText(dimension, `g${i}`)} as k${i}`);
  const measures = Array.from({ length: measureCount }, (_, i) => `m${i}`);
  return ['level', 'n', ...keys, ...measures].join(', ');
}

/** Sorted by the report's keys (on the native values, so months and numbers order right), then the group keys. */
function orderBy(report: ReportMetadata, dimensions: Dimension[]): string {
  const byName = new Map<string, string>([
    ...dimensions.map((dimension, i) => [dimension.name, `g${i}`] as [string, string]),
    ...report.measures.map((measure, i) => [measure.name, `m${i}`] as [string, string]),
  ]);
  const keys = (report.sort ?? []).map((key) => `${byName.get(key.by)} ${key.direction} nulls last`);
  return [...keys, ...dimensions.map((_, i) => `g${i} asc nulls last`)].join(', ');
}

function groupExpression(
  dimension: Dimension,
  value: string,
  today: string,
  bind: (value: unknown, cast: string) => string,
): string {
  const { groupBy, fact } = dimension;
  if (groupBy.ageBands) return ageBandExpression(value, groupBy.ageBands, today, bind);
  if (!groupBy.bucket) return value;
  // A datetime falls on its Tokyo calendar day, as everywhere in the rule language.
  const day = fact.kind === 'datetime' ? `(${value} at time zone '${RULE_TIME_ZONE}')::date` : value;
  switch (groupBy.bucket) {
    case 'day':
      return day;
    case 'week':
      return `date_trunc('week', ${day})::date`;
    case 'month':
      return `date_trunc('month', ${day})::date`;
    case 'year':
      return `extract(year from ${day})::int`;
    case 'fiscalYear':
      // 年度: April to March, named by the year it starts in.
      return `extract(year from (${day} - interval '3 months'))::int`;
  }
}

/**
 * The band's lower bound (-1 below the first) of the age on the Tokyo date of the run, by the
 * rule language's formula: a 29 February birthday counts from 1 March in common years.
 */
function ageBandExpression(
  birth: string,
  bands: number[],
  today: string,
  bind: (value: unknown, cast: string) => string,
): string {
  const year = bind(Number(today.slice(0, 4)), 'integer');
  const monthDay = bind(today.slice(5).replace('-', ''), 'text');
  const age = `(${year} - extract(year from ${birth})::integer - case when to_char(${birth}, 'MMDD') > ${monthDay} then 1 else 0 end)`;
  const steps = bands.map((bound, i) => `when ${age} < ${bound} then ${i === 0 ? -1 : bands[i - 1]}`);
  return `case when ${birth} is null then null ${steps.join(' ')} else ${bands[bands.length - 1]} end`;
}
