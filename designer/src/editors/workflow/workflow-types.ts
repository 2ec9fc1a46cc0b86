/**
 * The workflow language as the engine defines it. Type-only: nothing of the engine reaches
 * the browser bundle, but a change to the language breaks this editor's type check.
 */
export type {
  Assignee,
  EntityMetadata,
  FieldDefinition,
  I18nText,
  ValueTemplate,
  WorkflowAction,
  WorkflowDuration,
  WorkflowMetadata,
  WorkflowState,
  WorkflowTimer,
  WorkflowTimerAt,
  WorkflowTransition,
} from '../../../../engine/src/metadata/types.ts';
