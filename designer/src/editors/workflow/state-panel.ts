import { html, type TemplateResult } from 'lit';
import { type EditorError, type EditorLanguage, errorsAt, pointerOf, unclaimedErrors } from '../errors.ts';
import { renderCheckboxControl, renderErrors, renderTextControl } from '../shared/controls.ts';
import { withProperty } from '../shared/immutable.ts';
import { renderAssigneeControl } from './assignee-control.ts';
import { renderTextPair } from './text-pair-inputs.ts';
import { renderTimers } from './timer-editor.ts';
import { removeState, renameState, replaceState } from './workflow-edits.ts';
import { localizedString, workflowText } from './workflow-messages.ts';
import type { EntityMetadata, WorkflowMetadata, WorkflowState } from './workflow-types.ts';

export interface StatePanelContext {
  workflow: WorkflowMetadata;
  /** Every entity of the app: the workflow's own gives the date fields a timer may count from. */
  entities: readonly EntityMetadata[];
  index: number;
  roles: readonly string[];
  errors: readonly EditorError[];
  language: EditorLanguage;
  onWorkflow: (next: WorkflowMetadata) => void;
  /** Called after the state is removed, so the editor can close the panel. */
  onRemoved: () => void;
}

/** Everything about one state: names, initial and final, its task and its timers. */
export function renderStatePanel(context: StatePanelContext): TemplateResult {
  const { workflow, index, language, errors } = context;
  const state = workflow.states[index];
  const pointer = pointerOf('states', index);
  const set = (next: WorkflowState) => context.onWorkflow(replaceState(workflow, index, next));
  const label = localizedString(state.label, language);
  return html`<h3 id="panel-heading">${workflowText(language, 'editor.workflow.state.heading', { label })}</h3>
    ${renderErrors('state-own', unclaimedErrors(errors, pointer, ['/name', '/label', '/final', '/task', '/timers']), language)}
    ${renderTextControl({
      id: 'state-name',
      label: workflowText(language, 'editor.workflow.state.name'),
      value: state.name,
      commitOn: 'change',
      errors: errorsAt(errors, `${pointer}/name`),
      language,
      onValue: (name) => context.onWorkflow(renameState(workflow, state.name, name)),
    })}
    ${renderTextPair({
      id: 'state-label',
      text: state.label,
      labels: {
        ja: workflowText(language, 'editor.workflow.labelJa'),
        en: workflowText(language, 'editor.workflow.labelEn'),
      },
      pointer: `${pointer}/label`,
      errors,
      language,
      onText: (text) => set({ ...state, label: text }),
    })}
    ${renderCheckboxControl({
      id: 'state-initial',
      label: workflowText(language, 'editor.workflow.state.isInitial'),
      checked: workflow.initial === state.name,
      errors: [],
      language,
      // There is always exactly one initial state: it moves to another state, it is never unset.
      onChecked: (checked) => checked && context.onWorkflow({ ...workflow, initial: state.name }),
    })}
    ${renderCheckboxControl({
      id: 'state-final',
      label: workflowText(language, 'editor.workflow.state.final'),
      checked: state.final === true,
      errors: errorsAt(errors, `${pointer}/final`),
      language,
      onChecked: (checked) => set(withProperty(state, 'final', checked ? true : undefined)),
    })}
    ${renderTask(context, state, pointer, set)}
    ${renderTimers({
      id: 'state-timers',
      timers: state.timers ?? [],
      leaving: workflow.transitions.filter((transition) => transition.from.includes(state.name)),
      roles: context.roles,
      dateFields: dateFieldsOf(context),
      pointer: `${pointer}/timers`,
      errors,
      language,
      onTimers: (timers) => set(withProperty(state, 'timers', timers.length > 0 ? timers : undefined)),
    })}
    <button type="button" class="danger remove-state" @click=${() => {
      context.onWorkflow(removeState(workflow, index));
      context.onRemoved();
    }}>${workflowText(language, 'editor.workflow.state.remove', { label })}</button>`;
}

function renderTask(
  context: StatePanelContext,
  state: WorkflowState,
  pointer: string,
  set: (next: WorkflowState) => void,
): TemplateResult {
  const { language, errors, roles } = context;
  const task = state.task;
  const newTask = () => ({
    label: { ja: workflowText('ja', 'editor.workflow.task.newLabel') },
    assignTo: { role: roles[0] ?? '' },
  });
  return html`<fieldset class="task">
    <legend>${workflowText(language, 'editor.workflow.task.heading')}</legend>
    ${renderCheckboxControl({
      id: 'state-has-task',
      label: workflowText(language, 'editor.workflow.task.has'),
      checked: task !== undefined,
      errors: unclaimedErrors(errors, `${pointer}/task`, ['/label', '/assignTo']),
      language,
      onChecked: (checked) => set(withProperty(state, 'task', checked ? newTask() : undefined)),
    })}
    ${
      task
        ? html`${renderTextPair({
            id: 'task-label',
            text: task.label,
            labels: {
              ja: workflowText(language, 'editor.workflow.task.labelJa'),
              en: workflowText(language, 'editor.workflow.task.labelEn'),
            },
            pointer: `${pointer}/task/label`,
            errors,
            language,
            onText: (label) => set({ ...state, task: { ...task, label } }),
          })}
          ${renderAssigneeControl({
            id: 'task-assignee',
            legend: workflowText(language, 'editor.workflow.task.assignTo'),
            assignee: task.assignTo,
            roles,
            pointer: `${pointer}/task/assignTo`,
            errors,
            language,
            onAssignee: (assignTo) => set({ ...state, task: { ...task, assignTo } }),
          })}`
        : ''
    }
  </fieldset>`;
}

function dateFieldsOf(context: StatePanelContext): { value: string; label: string }[] {
  const entity = context.entities.find((each) => each.name === context.workflow.entity);
  return (entity?.fields ?? [])
    .filter((field) => field.type === 'date' || field.type === 'datetime')
    .map((field) => ({ value: field.name, label: localizedString(field.label, context.language) }));
}
