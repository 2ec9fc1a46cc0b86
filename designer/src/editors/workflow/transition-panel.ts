import { html, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { type EditorError, type EditorLanguage, errorsAt, pointerOf, unclaimedErrors } from '../errors.ts';
import { renderCheckboxControl, renderErrors, renderSelectControl, renderTextControl } from '../shared/controls.ts';
import { withProperty } from '../shared/immutable.ts';
import { renderActions } from './action-editor.ts';
import { renderTextPair } from './text-pair-inputs.ts';
import { removeTransition, renameTransition, replaceTransition } from './workflow-edits.ts';
import { localizedString, workflowText } from './workflow-messages.ts';
import type { EntityMetadata, WorkflowMetadata, WorkflowTransition } from './workflow-types.ts';

export interface TransitionPanelContext {
  workflow: WorkflowMetadata;
  index: number;
  entities: readonly EntityMetadata[];
  roles: readonly string[];
  rules: readonly string[];
  errors: readonly EditorError[];
  language: EditorLanguage;
  onWorkflow: (next: WorkflowMetadata) => void;
  onRemoved: () => void;
}

interface Choice {
  value: string;
  label: string;
}

/** A group of checkboxes choosing several of `choices` (from states, roles); errors go with the group. */
function renderChoices(
  id: string,
  legend: string,
  choices: readonly Choice[],
  chosen: readonly string[],
  errors: readonly EditorError[],
  language: EditorLanguage,
  onChosen: (chosen: string[]) => void,
): TemplateResult {
  const all = [
    ...choices,
    ...chosen.filter((value) => !choices.some((c) => c.value === value)).map((value) => ({ value, label: value })),
  ];
  const toggle = (value: string, on: boolean) =>
    onChosen(all.map((choice) => choice.value).filter((each) => (each === value ? on : chosen.includes(each))));
  return html`<fieldset id=${id} aria-describedby=${ifDefined(errors.length > 0 ? `${id}-errors` : undefined)}>
    <legend>${legend}</legend>
    ${all.map(
      (choice, index) => html`<div class="control checkbox">
        <input id="${id}-${index}" type="checkbox" value=${choice.value} .checked=${live(chosen.includes(choice.value))}
          @change=${(event: Event) => toggle(choice.value, (event.target as HTMLInputElement).checked)} />
        <label for="${id}-${index}">${choice.label}</label>
      </div>`,
    )}
    ${renderErrors(id, errors, language)}
  </fieldset>`;
}

/** Everything about one transition: names, from and to, who may make it, its guard and its actions. */
export function renderTransitionPanel(context: TransitionPanelContext): TemplateResult {
  const { workflow, index, language, errors } = context;
  const transition = workflow.transitions[index];
  const pointer = pointerOf('transitions', index);
  const set = (next: WorkflowTransition) => context.onWorkflow(replaceTransition(workflow, index, next));
  const label = localizedString(transition.label, language);
  const states = workflow.states.map((state) => ({
    value: state.name,
    label: `${localizedString(state.label, language)} (${state.name})`,
  }));
  const guards = [
    { value: '', label: workflowText(language, 'editor.workflow.transition.noGuard') },
    ...[
      ...context.rules,
      ...(transition.guard && !context.rules.includes(transition.guard) ? [transition.guard] : []),
    ].map((rule) => ({ value: rule, label: rule })),
  ];
  const claimed = ['/name', '/label', '/from', '/to', '/roles', '/guard', '/commentRequired', '/actions'];
  return html`<h3 id="panel-heading">${workflowText(language, 'editor.workflow.transition.heading', { label })}</h3>
    ${renderErrors('transition-own', unclaimedErrors(errors, pointer, claimed), language)}
    ${renderTextControl({
      id: 'transition-name',
      label: workflowText(language, 'editor.workflow.transition.name'),
      value: transition.name,
      commitOn: 'change',
      errors: errorsAt(errors, `${pointer}/name`),
      language,
      onValue: (name) => context.onWorkflow(renameTransition(workflow, transition.name, name)),
    })}
    ${renderTextPair({
      id: 'transition-label',
      text: transition.label,
      labels: {
        ja: workflowText(language, 'editor.workflow.labelJa'),
        en: workflowText(language, 'editor.workflow.labelEn'),
      },
      pointer: `${pointer}/label`,
      errors,
      language,
      onText: (text) => set({ ...transition, label: text }),
    })}
    ${renderChoices(
      'transition-from',
      workflowText(language, 'editor.workflow.transition.from'),
      states,
      transition.from,
      unclaimedErrors(errors, `${pointer}/from`, []),
      language,
      (from) => set({ ...transition, from }),
    )}
    ${renderSelectControl({
      id: 'transition-to',
      label: workflowText(language, 'editor.workflow.transition.to'),
      value: transition.to,
      options: states,
      errors: errorsAt(errors, `${pointer}/to`),
      language,
      onValue: (to) => set({ ...transition, to }),
    })}
    ${renderChoices(
      'transition-roles',
      workflowText(language, 'editor.workflow.transition.roles'),
      context.roles.map((role) => ({ value: role, label: role })),
      transition.roles ?? [],
      unclaimedErrors(errors, `${pointer}/roles`, []),
      language,
      (roles) => set(withProperty(transition, 'roles', roles.length > 0 ? roles : undefined)),
    )}
    ${renderSelectControl({
      id: 'transition-guard',
      label: workflowText(language, 'editor.workflow.transition.guard'),
      value: transition.guard ?? '',
      options: guards,
      errors: errorsAt(errors, `${pointer}/guard`),
      language,
      onValue: (guard) => set(withProperty(transition, 'guard', guard === '' ? undefined : guard)),
    })}
    ${renderCheckboxControl({
      id: 'transition-comment',
      label: workflowText(language, 'editor.workflow.transition.commentRequired'),
      checked: transition.commentRequired === true,
      errors: errorsAt(errors, `${pointer}/commentRequired`),
      language,
      onChecked: (checked) => set(withProperty(transition, 'commentRequired', checked ? true : undefined)),
    })}
    ${renderActions({
      id: 'transition-actions',
      actions: transition.actions ?? [],
      entity: context.entities.find((entity) => entity.name === workflow.entity),
      entities: context.entities,
      roles: context.roles,
      pointer: `${pointer}/actions`,
      errors,
      language,
      onActions: (actions) => set(withProperty(transition, 'actions', actions.length > 0 ? actions : undefined)),
    })}
    <button type="button" class="danger remove-transition" @click=${() => {
      context.onWorkflow(removeTransition(workflow, index));
      context.onRemoved();
    }}>${workflowText(language, 'editor.workflow.transition.remove', { label })}</button>`;
}
