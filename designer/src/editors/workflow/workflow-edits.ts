import { freshName, removeAt, replaceAt } from '../shared/immutable.ts';
import type { I18nText, WorkflowMetadata, WorkflowState, WorkflowTransition } from './workflow-types.ts';

/**
 * Copy-on-write edits of a workflow that keep its names consistent: a state is named by the
 * initial state and by transitions, a transition by timers, so renaming or removing one
 * follows through to everything that names it.
 */

export function replaceState(workflow: WorkflowMetadata, index: number, state: WorkflowState): WorkflowMetadata {
  return { ...workflow, states: replaceAt(workflow.states, index, state) };
}

export function replaceTransition(
  workflow: WorkflowMetadata,
  index: number,
  transition: WorkflowTransition,
): WorkflowMetadata {
  return { ...workflow, transitions: replaceAt(workflow.transitions, index, transition) };
}

export function renameState(workflow: WorkflowMetadata, from: string, to: string): WorkflowMetadata {
  const rename = (name: string) => (name === from ? to : name);
  return {
    ...workflow,
    initial: rename(workflow.initial),
    states: workflow.states.map((state) => (state.name === from ? { ...state, name: to } : state)),
    transitions: workflow.transitions.map((transition) => ({
      ...transition,
      from: transition.from.map(rename),
      to: rename(transition.to),
    })),
  };
}

export function renameTransition(workflow: WorkflowMetadata, from: string, to: string): WorkflowMetadata {
  return {
    ...workflow,
    transitions: workflow.transitions.map((transition) =>
      transition.name === from ? { ...transition, name: to } : transition,
    ),
    states: workflow.states.map((state) =>
      state.timers
        ? {
            ...state,
            timers: state.timers.map((timer) => (timer.transition === from ? { ...timer, transition: to } : timer)),
          }
        : state,
    ),
  };
}

export function addState(workflow: WorkflowMetadata, label: I18nText): WorkflowMetadata {
  const name = freshName(
    'state',
    workflow.states.map((state) => state.name),
  );
  return { ...workflow, states: [...workflow.states, { name, label }] };
}

/**
 * Without the state, transitions into it go too, and it leaves the `from` of the others
 * (a transition left with no start goes); the first remaining state becomes initial if it was.
 */
export function removeState(workflow: WorkflowMetadata, index: number): WorkflowMetadata {
  const name = workflow.states[index]?.name;
  const states = removeAt(workflow.states, index);
  const kept = workflow.transitions
    .filter((transition) => transition.to !== name)
    .map((transition) => ({ ...transition, from: transition.from.filter((from) => from !== name) }))
    .filter((transition) => transition.from.length > 0);
  const removedNames = workflow.transitions
    .map((transition) => transition.name)
    .filter((transitionName) => !kept.some((transition) => transition.name === transitionName));
  const initial = workflow.initial === name ? (states[0]?.name ?? '') : workflow.initial;
  return withoutTimersFor({ ...workflow, initial, states, transitions: kept }, removedNames);
}

/** A transition from the initial state to the first other one, for the staff member to adjust. */
export function addTransition(workflow: WorkflowMetadata, label: I18nText): WorkflowMetadata {
  const name = freshName(
    'transition',
    workflow.transitions.map((transition) => transition.name),
  );
  const from = workflow.initial || workflow.states[0]?.name || '';
  const to = workflow.states.find((state) => state.name !== from)?.name ?? from;
  return { ...workflow, transitions: [...workflow.transitions, { name, label, from: [from], to }] };
}

export function removeTransition(workflow: WorkflowMetadata, index: number): WorkflowMetadata {
  const name = workflow.transitions[index]?.name;
  const next = { ...workflow, transitions: removeAt(workflow.transitions, index) };
  return name === undefined ? next : withoutTimersFor(next, [name]);
}

/** Timers that would make a transition that no longer exists are dropped with it. */
function withoutTimersFor(workflow: WorkflowMetadata, transitionNames: readonly string[]): WorkflowMetadata {
  if (transitionNames.length === 0) return workflow;
  return {
    ...workflow,
    states: workflow.states.map((state) => {
      if (!state.timers) return state;
      const timers = state.timers.filter((timer) => !timer.transition || !transitionNames.includes(timer.transition));
      const { timers: _dropped, ...rest } = state;
      return timers.length > 0 ? { ...rest, timers } : rest;
    }),
  };
}
