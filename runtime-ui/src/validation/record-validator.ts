import type { ErrorObject } from 'ajv';
import type { JsonSchema, RecordData } from '../metadata/index.ts';
import { createAjv } from './create-ajv.ts';
import type { FieldProblem } from './field-problem.ts';

/** Checks one record; returns at most one problem per field, in field order of the errors. */
export type RecordValidator = (record: RecordData) => FieldProblem[];

/**
 * Wraps the entity's record schema as the server publishes it (OpenAPI
 * `components.schemas.<Entity>Create`), so the browser rejects exactly what the server would.
 */
export function compileRecordValidator(schema: JsonSchema): RecordValidator {
  const validate = createAjv().compile(schema);
  return (record) => {
    if (validate(record)) return [];
    const problems = new Map<string, FieldProblem>();
    for (const error of validate.errors ?? []) {
      const problem = toFieldProblem(error);
      if (problem && !problems.has(problem.field)) problems.set(problem.field, problem);
    }
    return [...problems.values()];
  };
}

/**
 * The validator, or none when this client cannot compile the schema (a keyword it does not
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

/** Keywords that only say which branch failed; the error inside the branch is the useful one. */
const WRAPPER_KEYWORDS = new Set(['if', 'allOf', 'anyOf', 'oneOf']);

function toFieldProblem(error: ErrorObject): FieldProblem | undefined {
  if (error.keyword === 'required') {
    return { kind: 'schema', field: String(error.params.missingProperty), keyword: 'required' };
  }
  if (WRAPPER_KEYWORDS.has(error.keyword)) return undefined;
  const field = topLevelProperty(error.instancePath);
  if (field === undefined) return undefined;
  const format = typeof error.params.format === 'string' ? error.params.format : undefined;
  return { kind: 'schema', field, keyword: error.keyword, limit: error.params.limit, format };
}

/** `/birthDate` → `birthDate` (JSON pointer escapes undone). */
export function topLevelProperty(pointer: string): string | undefined {
  const segment = pointer.split('/')[1];
  return segment ? segment.replaceAll('~1', '/').replaceAll('~0', '~') : undefined;
}
