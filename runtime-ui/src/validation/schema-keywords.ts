import type { JsonSchema, RecordData } from '../metadata/index.ts';
import type { FieldProblem } from './field-problem.ts';
import { FORMAT_COMPARISONS, isKnownFormat } from './server-formats.ts';

/**
 * Which keywords of the published record schema the browser can check, and the few it checks
 * itself. @cfworker/json-schema implements JSON Schema 2020-12 but, unlike the engine's ajv
 * in strict mode, silently skips a keyword or format it does not know, so every schema is read
 * once before use: a keyword outside the lists below makes it unusable here (the form then
 * leaves validation to the server, as before), instead of the browser quietly passing what the
 * server refuses.
 */

/** Keywords whose value is one subschema. */
const ONE_SUBSCHEMA = new Set([
  'not',
  'if',
  'then',
  'else',
  'additionalProperties',
  'unevaluatedProperties',
  'propertyNames',
  'items',
  'contains',
  'unevaluatedItems',
  'contentSchema',
]);
/** Keywords whose value is a list of subschemas. */
const LIST_OF_SUBSCHEMAS = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems']);
/** Keywords whose value maps names to subschemas. */
const MAP_OF_SUBSCHEMAS = new Set(['properties', 'patternProperties', 'dependentSchemas', '$defs']);
/** Assertions and annotations without subschemas that the validator implements or may ignore. */
const PLAIN = new Set([
  '$schema',
  '$id',
  '$ref',
  '$anchor',
  '$comment',
  '$vocabulary',
  'type',
  'const',
  'enum',
  'required',
  'minProperties',
  'maxProperties',
  'dependentRequired',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minContains',
  'maxContains',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minLength',
  'maxLength',
  'pattern',
  'format',
  'title',
  'description',
  'default',
  'examples',
  'deprecated',
  'readOnly',
  'writeOnly',
  'contentEncoding',
  'contentMediaType',
  // The engine's annotations: the form normalises by the first (`normalize-record.ts`); the
  // second is the wording the server uses for a plugin field type's refusal.
  'x-kiban-normalize',
  'x-kiban-message',
]);

/**
 * The engine's own keywords (`engine/src/metadata/create-ajv.ts`): `decimalMinimum` and
 * `decimalMaximum` hold decimals sent as strings to a field's range, and ajv-formats'
 * `formatMinimum` family bounds `date` and `date-time` fields. They apply to strings only.
 */
const DECIMAL_BOUNDS = {
  decimalMinimum: (value: number, limit: number) => value < limit,
  decimalMaximum: (value: number, limit: number) => value > limit,
};
const FORMAT_BOUNDS = {
  formatMinimum: (order: number) => order < 0,
  formatMaximum: (order: number) => order > 0,
  formatExclusiveMinimum: (order: number) => order <= 0,
  formatExclusiveMaximum: (order: number) => order >= 0,
};
type DecimalBound = keyof typeof DECIMAL_BOUNDS;
type FormatBound = keyof typeof FORMAT_BOUNDS;

/** One engine keyword on one field, checked after the standard ones. */
export type EngineKeywordCheck =
  | { field: string; keyword: DecimalBound; limit: number }
  | { field: string; keyword: FormatBound; limit: string; format: string };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Reads the whole schema; throws when it holds a keyword, format or pattern this client
 * cannot check. Returns the engine keywords to check. They are accepted where the engine puts
 * them — on a record property's schema, or in an `allOf` of it — and nowhere else.
 */
export function engineKeywordChecks(schema: JsonSchema): EngineKeywordCheck[] {
  const checks: EngineKeywordCheck[] = [];
  const visit = (node: unknown, at: string, field: string | undefined, isRoot: boolean): void => {
    if (typeof node === 'boolean') return;
    if (!isObject(node)) throw new Error(`${at || '/'} is not a schema.`);
    for (const [keyword, value] of Object.entries(node)) {
      const here = `${at}/${keyword}`;
      if (keyword in DECIMAL_BOUNDS || keyword in FORMAT_BOUNDS) {
        if (field === undefined) throw new Error(`${here}: the browser checks ${keyword} only on a record field.`);
        checks.push(engineCheck(field, keyword as DecimalBound | FormatBound, value, node.format, here));
      } else if (ONE_SUBSCHEMA.has(keyword)) {
        const items = keyword === 'items' && Array.isArray(value) ? value : undefined;
        if (items) for (const [i, item] of items.entries()) visit(item, `${here}/${i}`, undefined, false);
        else visit(value, here, undefined, false);
      } else if (LIST_OF_SUBSCHEMAS.has(keyword)) {
        if (!Array.isArray(value)) throw new Error(`${here} is not a list of schemas.`);
        // An allOf entry applies to the same value, so the engine keywords may sit there too.
        const inner = keyword === 'allOf' ? field : undefined;
        for (const [i, item] of value.entries()) visit(item, `${here}/${i}`, inner, false);
      } else if (MAP_OF_SUBSCHEMAS.has(keyword)) {
        if (!isObject(value)) throw new Error(`${here} is not a map of schemas.`);
        for (const [name, item] of Object.entries(value)) {
          if (keyword === 'patternProperties') checkPattern(name, here);
          visit(item, `${here}/${name}`, isRoot && keyword === 'properties' ? name : undefined, false);
        }
      } else if (PLAIN.has(keyword)) {
        if (keyword === 'pattern') checkPattern(value, here);
        if (keyword === 'format' && (typeof value !== 'string' || !isKnownFormat(value))) {
          throw new Error(`${here}: the browser does not know the format ${String(value)}.`);
        }
      } else {
        throw new Error(`${here}: the browser does not check the keyword ${keyword}.`);
      }
    }
  };
  visit(schema, '', undefined, true);
  return checks;
}

function engineCheck(
  field: string,
  keyword: DecimalBound | FormatBound,
  limit: unknown,
  format: unknown,
  at: string,
): EngineKeywordCheck {
  if (keyword in DECIMAL_BOUNDS) {
    if (typeof limit !== 'number') throw new Error(`${at} must be a number.`);
    return { field, keyword: keyword as DecimalBound, limit };
  }
  // ajv-formats requires a `format` beside the bound, one that can order its values.
  if (typeof limit !== 'string') throw new Error(`${at} must be a string.`);
  if (typeof format !== 'string' || !FORMAT_COMPARISONS[format]) {
    throw new Error(`${at}: ${keyword} needs a date, time or date-time format beside it.`);
  }
  return { field, keyword: keyword as FormatBound, limit, format };
}

function checkPattern(pattern: unknown, at: string): void {
  if (typeof pattern !== 'string') throw new Error(`${at} is not a regular expression.`);
  // Patterns are read with the u flag, as ajv and the engine read them.
  new RegExp(pattern, 'u');
}

/** The engine keywords' verdict on a record: one problem per failed check. */
export function engineKeywordProblems(checks: readonly EngineKeywordCheck[], record: RecordData): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const check of checks) {
    const value = record[check.field];
    if (typeof value !== 'string') continue;
    if (failsCheck(check, value)) {
      problems.push({ kind: 'schema', field: check.field, keyword: check.keyword, limit: check.limit });
    }
  }
  return problems;
}

function failsCheck(check: EngineKeywordCheck, value: string): boolean {
  if ('format' in check) {
    const order = FORMAT_COMPARISONS[check.format]?.(value, check.limit);
    return order !== undefined && FORMAT_BOUNDS[check.keyword](order);
  }
  // As on the server: Number('') is 0 and text that is not a number (NaN) passes; the pattern catches it.
  return DECIMAL_BOUNDS[check.keyword](Number(value), check.limit);
}
