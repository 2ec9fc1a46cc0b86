// Workflows: states, tasks, timers, transitions and their actions.
import type { I18nText, MetadataBase } from './common.ts';

/** Who a task is for, or who is notified: exactly one of a role, a department or a person. */
export type Assignee = { role: string } | { department: string } | { principal: string };

export type WorkflowDuration = { businessDays: number } | { hours: number };

/** A day relative to a date field of the record, at 00:00 Asia/Tokyo. */
export interface WorkflowTimerAt {
  field: string;
  businessDays?: number;
  days?: number;
}

/** Exactly one of `after` and `at`, and exactly one of `transition`, `reassignTo` and `actions`. */
export interface WorkflowTimer {
  after?: WorkflowDuration;
  at?: WorkflowTimerAt;
  transition?: string;
  reassignTo?: Assignee;
  /** Run without a transition: notify and emitEvent only. */
  actions?: Extract<WorkflowAction, { type: 'notify' | 'emitEvent' }>[];
}

export interface WorkflowState {
  name: string;
  label: I18nText;
  final?: boolean;
  task?: { label: I18nText; assignTo: Assignee };
  timers?: WorkflowTimer[];
}

/** A value in an action; `$now`, `$today`, `$actor` and `$record.<field>` are replaced when it runs. */
export type ValueTemplate = string | number | boolean | null;

export type WorkflowAction =
  | { type: 'setFields'; values: Record<string, ValueTemplate> }
  | { type: 'createRecord'; entity: string; values: Record<string, ValueTemplate> }
  | { type: 'callAction'; action: string; input?: Record<string, ValueTemplate> }
  | { type: 'emitEvent'; event: string }
  | { type: 'notify'; to: Assignee; message: I18nText };

export interface WorkflowTransition {
  name: string;
  label: I18nText;
  from: string[];
  to: string;
  roles?: string[];
  /** Name of a rule about the workflow's entity. */
  guard?: string;
  commentRequired?: boolean;
  actions?: WorkflowAction[];
}

export interface WorkflowMetadata extends MetadataBase {
  kind: 'workflow';
  entity: string;
  /** The enum field holding the state; only transitions write it. */
  stateField: string;
  initial: string;
  states: WorkflowState[];
  transitions: WorkflowTransition[];
}
