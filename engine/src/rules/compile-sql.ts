import { columnName, quoteIdent, tableName } from '../data/index.ts';
import type { FactKind } from '../metadata/rule-facts.ts';
import type { EntityMetadata, RuleMetadata } from '../metadata/types.ts';
import { publicHolidays } from './business-days.ts';
import { foldAsciiCase } from './comparable.ts';
import { type EvaluationDate, evaluationDate } from './evaluation-date.ts';
import { isPlannedFieldOperand, type PlannedComparison, type PlannedCondition, planRule } from './plan.ts';

export interface CompileOptions {
  /** The evaluation instant; ages and relative dates are taken on its Asia/Tokyo date. */
  now: Date;
  /** Entities that reference facts lead to; required when the rule has one. */
  entities?: ReadonlyMap<string, EntityMetadata>;
  /**
   * The caller's row policy on the entities reference and count facts read: a query selecting
   * the ids of the rows they may read, or null for every row. Without it, every row counts.
   */
  readableIds?: ReadableIds;
  /** `ids`: the matching ids in id order (the default); `count`: how many match. */
  select?: 'ids' | 'count';
}

export type ReadableIds = (entity: EntityMetadata) => string | null;

/** One parameterised statement: `$1…` placeholders in `text`, their values in `values`. */
export interface CompiledSql {
  text: string;
  values: unknown[];
}

/** The alias of the subject's table in compiled conditions. */
export const SUBJECT_ALIAS = 't';

const CASTS: Record<FactKind, string> = {
  text: 'text',
  integer: 'integer',
  decimal: 'numeric',
  boolean: 'boolean',
  date: 'date',
  datetime: 'timestamptz',
  json: 'jsonb',
  uuid: 'uuid',
};

const COMPARISONS = { eq: '=', ne: '<>', lt: '<', lte: '<=', gt: '>', gte: '>=' } as const;
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';

/** Compiles the rule to one query over the entity's table selecting the matching ids, or their count. */
export function compileRuleToSql(rule: RuleMetadata, entity: EntityMetadata, options: CompileOptions): CompiledSql {
  const { where, values } = compileRuleCondition(rule, entity, options);
  const from = `from ${quoteIdent(tableName(entity.name))} ${SUBJECT_ALIAS} where ${where}`;
  const text =
    options.select === 'count'
      ? `select count(*)::int as count ${from}`
      : `select ${SUBJECT_ALIAS}.id ${from} order by ${SUBJECT_ALIAS}.id`;
  return { text, values };
}

/**
 * The rule as a boolean SQL expression over alias `t`, with its values numbered from
 * `firstPlaceholder`, for callers that combine it with other conditions (row policies).
 */
export function compileRuleCondition(
  rule: RuleMetadata,
  entity: EntityMetadata,
  options: Omit<CompileOptions, 'select'> & { firstPlaceholder?: number },
): { where: string; values: unknown[] } {
  const date = evaluationDate(options.now);
  const plan = planRule(rule, { entity, entities: options.entities, date });
  const values: unknown[] = [];
  const offset = (options.firstPlaceholder ?? 1) - 1;
  const bind = (value: unknown, cast: string) => {
    values.push(value);
    return `$${offset + values.length}::${cast}`;
  };
  const readableIds = options.readableIds ?? (() => null);
  return { where: conditionSql(plan, { bind, date, readableIds }), values };
}

type Bind = (value: unknown, cast: string) => string;

interface SqlContext {
  bind: Bind;
  date: EvaluationDate;
  readableIds: ReadableIds;
}

function conditionSql(condition: PlannedCondition, context: SqlContext): string {
  if ('all' in condition) return `(${condition.all.map((each) => conditionSql(each, context)).join(' and ')})`;
  if ('any' in condition) return `(${condition.any.map((each) => conditionSql(each, context)).join(' or ')})`;
  if ('not' in condition) return `(not ${conditionSql(condition.not, context)})`;
  const { bind } = context;
  const fact = factSql(condition, context);
  const comparison = comparisonSql(condition, fact, bind);
  // A comparison with a missing value is false, not unknown, so `not` of it is true (see operators.ts).
  return condition.op === 'isNull' || condition.op === 'isNotNull' ? comparison : `coalesce(${comparison}, false)`;
}

/** Facts about other rows read only the rows the caller may read: another row is no side door. */
function factSql(comparison: PlannedComparison, { bind, date, readableIds }: SqlContext): string {
  const { fact } = comparison;
  const readable = (entity: EntityMetadata, alias: string) => {
    const ids = readableIds(entity);
    return ids === null ? '' : ` and ${alias}.id in (${ids})`;
  };
  switch (fact.source) {
    case 'field':
      return `${SUBJECT_ALIAS}.${quoteIdent(columnName(fact.field))}`;
    case 'reference': {
      const target = quoteIdent(tableName(fact.target.name));
      const column = quoteIdent(columnName(fact.field));
      const reference = quoteIdent(columnName(fact.reference));
      return `(select r.${column} from ${target} r where r.id = ${SUBJECT_ALIAS}.${reference}${readable(fact.target, 'r')})`;
    }
    case 'count': {
      const target = quoteIdent(tableName(fact.target.name));
      const inverse = quoteIdent(columnName(fact.inverse));
      return `(select count(*)::integer from ${target} c where c.${inverse} = ${SUBJECT_ALIAS}.id${readable(fact.target, 'c')})`;
    }
    case 'age': {
      // The formula of ageOn: year difference, minus one while the birthday's MMDD is still ahead.
      const birth = `${SUBJECT_ALIAS}.${quoteIdent(columnName(fact.field))}`;
      const year = bind(Number(date.today.slice(0, 4)), 'integer');
      const monthDay = bind(date.today.slice(5).replace('-', ''), 'text');
      return `(${year} - extract(year from ${birth})::integer - case when to_char(${birth}, 'MMDD') > ${monthDay} then 1 else 0 end)`;
    }
  }
}

function comparisonSql(comparison: PlannedComparison, fact: string, bind: Bind): string {
  const { op, value } = comparison;
  const cast = CASTS[comparison.fact.kind];
  switch (op) {
    case 'isNull':
      return `(${fact} is null)`;
    case 'isNotNull':
      return `(${fact} is not null)`;
    case 'between': {
      const [low, high] = value as [unknown, unknown];
      return `(${fact} between ${bind(low, cast)} and ${bind(high, cast)})`;
    }
    case 'in':
      return `(${fact} = any(${bind(value, `${cast}[]`)}))`;
    case 'notIn':
      return `(${fact} <> all(${bind(value, `${cast}[]`)}))`;
    case 'contains':
      // Only A–Z folded, as in foldAsciiCase; strpos avoids LIKE's wildcards altogether.
      return `(strpos(translate(${fact}, '${UPPER}', '${LOWER}'), ${bind(foldAsciiCase(String(value)), 'text')}) > 0)`;
    case 'arrayContains':
      return `(jsonb_typeof(${fact}) = 'array' and ${fact} @> ${bind(JSON.stringify([value]), 'jsonb')})`;
    case 'isBusinessDay':
      // The calendar of business-days.ts: no weekend, no 29 Dec–3 Jan, no public holiday.
      return `(extract(isodow from ${fact}) < 6 and to_char(${fact}, 'MMDD') between '0104' and '1228' and ${fact} <> all(${bind(publicHolidays(), 'date[]')}))`;
    default: {
      const operand = isPlannedFieldOperand(value)
        ? `${SUBJECT_ALIAS}.${quoteIdent(columnName(value.subjectField))}`
        : bind(value, cast);
      return `(${fact} ${COMPARISONS[op]} ${operand})`;
    }
  }
}
