import type { FilterQuery } from '@mikro-orm/postgresql';
import { pointerOf } from '../metadata/json-pointer.ts';
import { type EntityMetadata, FILTER_OPERATORS, type Filter, type FilterOperator } from '../metadata/types.ts';
import type { ApiRecord } from './entity-schema.ts';
import { FilterError, type FilterProblem } from './filter-error.ts';
import { type Coerced, coerceValue } from './filter-values.ts';
import { type QueryField, type QueryKind, queryFields } from './query-fields.ts';

export interface FilterContext {
  /** The signed-in principal, substituted for `"$user"`. */
  userId?: string;
}

type Condition = Record<string, unknown>;
type Problem = Omit<FilterProblem, 'pointer'> & { at?: (string | number)[] };

const ORDERED: ReadonlySet<QueryKind> = new Set(['text', 'integer', 'decimal', 'date', 'datetime']);
const COMPARISON: Record<'eq' | 'ne' | 'lt' | 'lte' | 'gt' | 'gte', string> = {
  eq: '$eq',
  ne: '$ne',
  lt: '$lt',
  lte: '$lte',
  gt: '$gt',
  gte: '$gte',
};

/**
 * Compiles the filter language (API list filters, views, row policies) to a MikroORM filter
 * over API property names. Every value is checked against its property's type and bound by
 * MikroORM, so nothing a client sends becomes SQL text; all problems are reported at once.
 */
export function compileFilter(entity: EntityMetadata, filter: Filter, context: FilterContext): FilterQuery<ApiRecord> {
  const fields = queryFields(entity);
  const conditions: Condition[] = [];
  const problems: FilterProblem[] = [];
  if (!isPlainObject(filter)) {
    throw new FilterError([
      problem(
        ['filter'],
        'filter.invalid',
        'フィルターはオブジェクトで指定してください。',
        'A filter must be an object.',
      ),
    ]);
  }
  for (const [name, operators] of Object.entries(filter)) {
    const field = fields.get(name);
    if (!field) {
      problems.push(
        problem(
          ['filter', name],
          'filter.unknownField',
          `項目「${name}」はありません。`,
          `There is no property ${name}.`,
        ),
      );
      continue;
    }
    if (field.kind === 'collection') {
      problems.push(
        problem(
          ['filter', name],
          'filter.unsupportedField',
          `一覧項目「${name}」では絞り込めません。`,
          `Collection ${name} cannot be filtered on.`,
        ),
      );
      continue;
    }
    if (!isPlainObject(operators)) {
      problems.push(
        problem(
          ['filter', name],
          'filter.invalid',
          '演算子と値の組で指定してください。',
          'Expected an object of operators and values.',
        ),
      );
      continue;
    }
    for (const [operator, value] of Object.entries(operators)) {
      const at = ['filter', name, operator];
      if (!(FILTER_OPERATORS as readonly string[]).includes(operator)) {
        problems.push(
          problem(
            at,
            'filter.unknownOperator',
            `演算子「${operator}」はありません。`,
            `There is no operator ${operator}.`,
          ),
        );
        continue;
      }
      const compiled = compileOperator(field, operator as FilterOperator, value, context);
      if ('condition' in compiled) conditions.push({ [name]: compiled.condition });
      else
        problems.push({
          pointer: pointerOf(...at, ...(compiled.at ?? [])),
          code: compiled.code,
          message: compiled.message,
        });
    }
  }
  if (problems.length > 0) throw new FilterError(problems);
  if (conditions.length === 0) return {};
  return (conditions.length === 1 ? conditions[0] : { $and: conditions }) as FilterQuery<ApiRecord>;
}

function compileOperator(
  field: QueryField,
  operator: FilterOperator,
  value: unknown,
  context: FilterContext,
): { condition: unknown } | Problem {
  switch (operator) {
    case 'isNull':
      if (value === true || value === 'true') return { condition: { $eq: null } };
      if (value === false || value === 'false') return { condition: { $ne: null } };
      return invalidValue('true か false を指定してください。', 'Expected true or false.');
    case 'contains':
      return contains(field, value);
    case 'in':
      return inList(field, value, context);
    default: {
      if (field.kind === 'json' || (operator !== 'eq' && operator !== 'ne' && !ORDERED.has(field.kind))) {
        return unsupported(operator, field);
      }
      const coerced = coerceValue(field, value, context);
      return coerced.ok ? { condition: { [COMPARISON[operator]]: coerced.value } } : fromCoerced(coerced);
    }
  }
}

function inList(field: QueryField, value: unknown, context: FilterContext): { condition: unknown } | Problem {
  if (field.kind === 'json') return unsupported('in', field);
  const list = typeof value === 'string' ? value.split(',') : value;
  if (!Array.isArray(list) || list.length === 0) {
    return invalidValue(
      '値の配列、またはカンマ区切りの値を指定してください。',
      'Expected an array or comma-separated values.',
    );
  }
  const values: unknown[] = [];
  for (const [i, item] of list.entries()) {
    const coerced = coerceValue(field, item, context);
    if (!coerced.ok) return { ...fromCoerced(coerced), at: [i] };
    values.push(coerced.value);
  }
  return { condition: { $in: values } };
}

function contains(field: QueryField, value: unknown): { condition: unknown } | Problem {
  if (field.kind === 'text') {
    if (typeof value !== 'string' && typeof value !== 'number')
      return invalidValue('文字列を指定してください。', 'Expected a string.');
    const text = String(value);
    if (text.includes('\0'))
      return invalidValue('文字列に NUL 文字は使えません。', 'A string cannot contain NUL characters.');
    // LIKE's wildcards and its escape character match literally, so `50%` finds "50%" only.
    return { condition: { $ilike: `%${text.replace(/[\\%_]/g, '\\$&')}%` } };
  }
  if (field.kind === 'json') {
    const json = typeof value === 'string' ? parseJson(value) : value;
    if (json === null || typeof json !== 'object') {
      return invalidValue(
        '含まれるべき JSON のオブジェクトか配列を指定してください。',
        'Expected a JSON object or array to be contained.',
      );
    }
    // MikroORM reads top-level `$` keys as its own operators and rewrites their values.
    if (!Array.isArray(json) && Object.keys(json).some((k) => k.startsWith('$'))) {
      return invalidValue('最上位のキーを $ で始めることはできません。', 'Top-level keys cannot start with $.');
    }
    return { condition: { $contains: json } };
  }
  return unsupported('contains', field);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function unsupported(operator: string, field: QueryField): Problem {
  return {
    code: 'filter.unsupportedOperator',
    message: {
      ja: `項目「${field.name}」には演算子「${operator}」を使えません。`,
      en: `Operator ${operator} does not apply to property ${field.name}.`,
    },
  };
}

function invalidValue(ja: string, en: string): Problem {
  return { code: 'filter.invalidValue', message: { ja, en } };
}

function fromCoerced(coerced: Extract<Coerced, { ok: false }>): Problem {
  return { code: coerced.code, message: coerced.message };
}

function problem(at: string[], code: string, ja: string, en: string): FilterProblem {
  return { pointer: pointerOf(...at), code, message: { ja, en } };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
