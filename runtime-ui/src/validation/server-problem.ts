import type { ProblemDocument } from '../metadata/index.ts';
import type { FieldProblem } from './field-problem.ts';
import { topLevelProperty } from './record-validator.ts';

/** A problem+json answer split into what belongs to a field and what concerns the whole form. */
export interface ServerProblems {
  fields: FieldProblem[];
  general: string[];
}

/**
 * Maps each located error to the field its JSON pointer names (record writes point at
 * `/<field>`); errors that name no field of the form, and the problem's own detail, are shown
 * for the whole form.
 */
export function serverProblems(problem: ProblemDocument, knownFields: ReadonlySet<string>): ServerProblems {
  const fields: FieldProblem[] = [];
  const general: string[] = problem.detail ? [problem.detail] : [];
  for (const error of problem.errors ?? []) {
    const field = topLevelProperty(error.pointer);
    if (field && knownFields.has(field)) fields.push({ kind: 'server', field, message: error.message });
    else general.push(error.message);
  }
  return { fields, general };
}
