import type { RecordMode } from '../metadata/index.ts';
import { workflowOf } from '../runtime/workflows.ts';
import { stateReadOnly } from './errors.ts';
import type { RecordScope } from './scope.ts';

/**
 * The state field of an entity with a workflow belongs to the workflow: callers may not write
 * it, and a new record starts in the initial state. Returns what the workflow adds to the input.
 */
export function workflowStateInput(
  scope: RecordScope,
  entityName: string,
  input: Record<string, unknown>,
  mode: RecordMode,
) {
  const workflow = scope.workflow === undefined ? workflowOf(scope.live, entityName) : undefined;
  if (!workflow) return {};
  if (workflow.stateField in input) throw stateReadOnly(workflow.stateField);
  return mode === 'create' ? { [workflow.stateField]: workflow.initial } : {};
}
