import { type OutputUnit, type Schema, Validator } from '@cfworker/json-schema';
import type { JsonSchema, RecordData } from '../metadata/index.ts';
import type { FieldProblem } from './field-problem.ts';
import { engineKeywordChecks, engineKeywordProblems } from './schema-keywords.ts';
import { useServerFormats } from './server-formats.ts';

/** Checks one record; returns at most one problem per field, in the schema's property order. */
export type RecordValidator = (record: RecordData) => FieldProblem[];

/**
 * Wraps the entity's record schema as the server publishes it (OpenAPI
 * `components.schemas.<Entity>Create`, JSON Schema 2020-12), so the browser rejects exactly
 * what the server would. @cfworker/json-schema interprets the schema as it is — no code is
 * generated, so the portal's Content-Security-Policy (no 'unsafe-eval') holds; the engine's
 * own keywords are checked afterwards (`schema-keywords.ts`).
 */
export function compileRecordValidator(schema: JsonSchema): RecordValidator {
  useServerFormats();
  const engineChecks = engineKeywordChecks(schema);
  // A copy: the validator marks schema objects with (hidden) resolved URIs of its own.
  const validator = new Validator(structuredClone(schema) as Schema, '2020-12', false);
  const order = new Map(Object.keys((schema.properties as object | undefined) ?? {}).map((name, i) => [name, i]));
  const position = (problem: FieldProblem) => order.get(problem.field) ?? order.size;
  return (record) => {
    const problems = new Map<string, FieldProblem>();
    const keep = (problem: FieldProblem) => {
      if (!problems.has(problem.field)) problems.set(problem.field, problem);
    };
    for (const error of schemaErrors(validator, record)) {
      for (const problem of toFieldProblems(error, schema, record)) keep(problem);
    }
    for (const problem of engineKeywordProblems(engineChecks, record)) keep(problem);
    // The first error of a field wins; the engine keywords come last, so sort back into field order.
    return [...problems.values()].sort((a, b) => position(a) - position(b));
  };
}

/**
 * The validator, or none when this client cannot use the schema (a keyword it does not
 * know): residents must not be blocked by that, and the server still validates every write.
 */
export function validatorOrNone(schema: JsonSchema): RecordValidator | undefined {
  try {
    return compileRecordValidator(schema);
  } catch (error) {
    console.warn('The record schema could not be compiled; only the server validates this form.', error);
    return undefined;
  }
}

/** The validator's errors; none when it cannot read the record (the server still checks it). */
function schemaErrors(validator: Validator, record: RecordData): OutputUnit[] {
  try {
    return validator.validate(record).errors;
  } catch (error) {
    console.warn('The record could not be validated in the browser; only the server validates it.', error);
    return [];
  }
}

/** Keywords that only say which branch or property failed; the error inside is the useful one. */
const WRAPPER_KEYWORDS = new Set([
  'if',
  'allOf',
  'anyOf',
  'oneOf',
  '$ref',
  '$recursiveRef',
  'properties',
  'patternProperties',
  'dependentSchemas',
  'propertyNames',
]);

/** Keywords whose schema value is the limit a message names. */
const LIMIT_KEYWORDS = new Set([
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'minProperties',
  'maxProperties',
]);

/**
 * One validator error as problems of record fields. Locations are URI fragments
 * (`#/birthDate`); `required` is reported on the object, so the missing names are read off
 * the record, and limits and formats off the schema at the error's keyword location.
 */
function toFieldProblems(error: OutputUnit, schema: JsonSchema, record: RecordData): FieldProblem[] {
  if (WRAPPER_KEYWORDS.has(error.keyword)) return [];
  const path = fragmentSegments(error.instanceLocation);
  const atKeyword = valueAt(schema, fragmentSegments(error.keywordLocation));
  if (error.keyword === 'required' && path.length === 0) {
    const required = Array.isArray(atKeyword) ? atKeyword.map(String) : [];
    return required
      .filter((name) => !Object.hasOwn(record, name))
      .map((field) => ({ kind: 'schema', field, keyword: 'required' }));
  }
  const field = path[0];
  if (field === undefined) return [];
  // Below a field (a json value), a missing member makes the value invalid, not the field empty.
  const keyword = error.keyword === 'required' ? 'invalid' : error.keyword;
  const format = keyword === 'format' && typeof atKeyword === 'string' ? atKeyword : undefined;
  const limit = LIMIT_KEYWORDS.has(keyword) ? atKeyword : undefined;
  const own = ownMessage(schema, fragmentSegments(error.keywordLocation));
  return [{ kind: 'schema', field, keyword, limit, format, ...(own ? { message: own } : {}) }];
}

/** The `x-kiban-message` of the schema object holding the failed keyword, as the server words it. */
function ownMessage(schema: JsonSchema, keywordPath: string[]): Partial<Record<string, string>> | undefined {
  const holder = valueAt(schema, keywordPath.slice(0, -1));
  const message = holder && typeof holder === 'object' ? (holder as JsonSchema)['x-kiban-message'] : undefined;
  return message && typeof message === 'object' ? (message as Partial<Record<string, string>>) : undefined;
}

/** `#/a~1b/%E6%B0%8F` → `['a/b', '氏']`: a JSON pointer in a URI fragment, unescaped. */
function fragmentSegments(location: string): string[] {
  const pointer = location.startsWith('#') ? location.slice(1) : location;
  if (pointer === '') return [];
  return pointer
    .split('/')
    .slice(1)
    .map((segment) => unescapePointer(decodeURIComponent(segment)));
}

function valueAt(root: unknown, segments: readonly string[]): unknown {
  let node = root;
  for (const segment of segments) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, segment)) return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}

function unescapePointer(segment: string): string {
  return segment.replaceAll('~1', '/').replaceAll('~0', '~');
}

/** `/birthDate` → `birthDate` (JSON pointer escapes undone). */
export function topLevelProperty(pointer: string): string | undefined {
  const segment = pointer.split('/')[1];
  return segment ? unescapePointer(segment) : undefined;
}
