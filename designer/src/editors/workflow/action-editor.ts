import { html, type TemplateResult } from 'lit';
import { type EditorError, type EditorLanguage, errorsAt, pointerOf, unclaimedErrors } from '../errors.ts';
import { renderErrors, renderSelectControl, renderTextControl } from '../shared/controls.ts';
import { insertAt, moveItem, removeAt, replaceAt } from '../shared/immutable.ts';
import { renderAssigneeControl } from './assignee-control.ts';
import { renderTemplateValues } from './template-values.ts';
import { localizedString, workflowText } from './workflow-messages.ts';
import type { EntityMetadata, I18nText, WorkflowAction } from './workflow-types.ts';

type ActionType = WorkflowAction['type'];
const ACTION_TYPES: readonly ActionType[] = ['setFields', 'createRecord', 'callAction', 'emitEvent', 'notify'];

export interface ActionsControl {
  /** Id prefix, unique within the panel. */
  id: string;
  actions: readonly WorkflowAction[];
  /** The workflow's entity: the fields setFields may set. */
  entity: EntityMetadata | undefined;
  entities: readonly EntityMetadata[];
  roles: readonly string[];
  /** Pointer of the actions list, e.g. `/transitions/3/actions`. */
  pointer: string;
  errors: readonly EditorError[];
  language: EditorLanguage;
  onActions: (actions: WorkflowAction[]) => void;
}

/** A first action of `type`, close to valid, for the staff member to complete. */
function newAction(type: ActionType, entities: readonly EntityMetadata[], self: string | undefined): WorkflowAction {
  switch (type) {
    case 'setFields':
      return { type, values: {} };
    case 'createRecord':
      return { type, entity: entities.find((entity) => entity.name !== self)?.name ?? self ?? '', values: {} };
    case 'callAction':
      return { type, action: '' };
    case 'emitEvent':
      return { type, event: '' };
    case 'notify':
      return { type, to: { principal: '$owner' }, message: { ja: '' } };
  }
}

/** What the transition does, in order, in its transaction: each action with the inputs of its type. */
export function renderActions(control: ActionsControl): TemplateResult {
  const { actions, language } = control;
  return html`<fieldset class="actions">
    <legend>${workflowText(language, 'editor.workflow.actions')}</legend>
    ${renderErrors(`${control.id}-own`, errorsAt(control.errors, control.pointer), language)}
    <ol class="plain">
      ${actions.map((action, index) => html`<li>${renderAction(control, action, index)}</li>`)}
    </ol>
    <button type="button" class="add-action" @click=${() =>
      control.onActions(
        insertAt(actions, actions.length, newAction('setFields', control.entities, control.entity?.name)),
      )}>
      ${workflowText(language, 'editor.workflow.action.add')}
    </button>
  </fieldset>`;
}

function renderAction(control: ActionsControl, action: WorkflowAction, index: number): TemplateResult {
  const { actions, language } = control;
  const id = `${control.id}-${index}`;
  const pointer = `${control.pointer}${pointerOf(index)}`;
  const position = index + 1;
  const set = (next: WorkflowAction) => control.onActions(replaceAt(actions, index, next));
  return html`<fieldset class="card action" data-pointer=${pointer}>
    <legend>${workflowText(language, 'editor.workflow.action.heading', { position })}</legend>
    ${renderErrors(`${id}-own`, unclaimedErrors(control.errors, pointer, ['/type', ...claimedBy(action)]), language)}
    ${renderSelectControl({
      id: `${id}-type`,
      label: workflowText(language, 'editor.workflow.action.type'),
      value: action.type,
      options: ACTION_TYPES.map((type) => ({
        value: type,
        label: workflowText(language, `editor.workflow.action.${type}`),
      })),
      errors: errorsAt(control.errors, `${pointer}/type`),
      language,
      onValue: (type) => set(newAction(type as ActionType, control.entities, control.entity?.name)),
    })}
    ${renderActionInputs(control, action, id, pointer, set)}
    <div class="toolbar">
      <button type="button" ?disabled=${index === 0} @click=${() => control.onActions(moveItem(actions, index, index - 1))}>
        ${workflowText(language, 'editor.workflow.action.moveUp', { position })}
      </button>
      <button type="button" ?disabled=${index === actions.length - 1}
        @click=${() => control.onActions(moveItem(actions, index, index + 1))}>
        ${workflowText(language, 'editor.workflow.action.moveDown', { position })}
      </button>
      <button type="button" class="danger" @click=${() => control.onActions(removeAt(actions, index))}>
        ${workflowText(language, 'editor.workflow.action.remove', { position })}
      </button>
    </div>
  </fieldset>`;
}

/** The members of an action that its own inputs show errors for. */
function claimedBy(action: WorkflowAction): string[] {
  const { type: _type, ...members } = action;
  return Object.keys(members).map((key) => `/${key}`);
}

function renderActionInputs(
  control: ActionsControl,
  action: WorkflowAction,
  id: string,
  pointer: string,
  set: (next: WorkflowAction) => void,
): TemplateResult {
  const { language, errors } = control;
  const text = (key: 'action' | 'event', label: string, value: string, onValue: (value: string) => void) =>
    renderTextControl({
      id: `${id}-${key}`,
      label,
      value,
      commitOn: 'change',
      errors: errorsAt(errors, `${pointer}/${key}`),
      language,
      onValue,
    });
  switch (action.type) {
    case 'setFields':
      return renderTemplateValues({
        id: `${id}-values`,
        legend: workflowText(language, 'editor.workflow.action.values'),
        values: action.values,
        fields: control.entity?.fields,
        pointer: `${pointer}/values`,
        errors,
        language,
        onValues: (values) => set({ ...action, values }),
      });
    case 'createRecord': {
      const target = control.entities.find((entity) => entity.name === action.entity);
      return html`${renderSelectControl({
        id: `${id}-entity`,
        label: workflowText(language, 'editor.workflow.action.entity'),
        value: action.entity,
        options: control.entities.map((entity) => ({
          value: entity.name,
          label: localizedString(entity.label, language),
        })),
        errors: errorsAt(errors, `${pointer}/entity`),
        language,
        onValue: (entity) => set({ ...action, entity, values: {} }),
      })}
      ${renderTemplateValues({
        id: `${id}-values`,
        legend: workflowText(language, 'editor.workflow.action.values'),
        values: action.values,
        fields: target?.fields,
        pointer: `${pointer}/values`,
        errors,
        language,
        onValues: (values) => set({ ...action, values }),
      })}`;
    }
    case 'callAction':
      return html`${text('action', workflowText(language, 'editor.workflow.action.action'), action.action, (name) =>
        set({ ...action, action: name }),
      )}
      ${renderTemplateValues({
        id: `${id}-input`,
        legend: workflowText(language, 'editor.workflow.action.input'),
        values: action.input ?? {},
        fields: undefined,
        pointer: `${pointer}/input`,
        errors,
        language,
        onValues: (input) => {
          const { input: _previous, ...rest } = action;
          set(Object.keys(input).length > 0 ? { ...rest, input } : rest);
        },
      })}`;
    case 'emitEvent':
      return text('event', workflowText(language, 'editor.workflow.action.event'), action.event, (event) =>
        set({ ...action, event }),
      );
    case 'notify': {
      const message = (key: 'ja' | 'en', value: string) => {
        const next: Record<string, string> = { ...action.message, [key]: value };
        if (value === '' && key !== 'ja') delete next[key];
        set({ ...action, message: next as I18nText });
      };
      return html`${renderAssigneeControl({
        id: `${id}-to`,
        legend: workflowText(language, 'editor.workflow.action.to'),
        assignee: action.to,
        roles: control.roles,
        pointer: `${pointer}/to`,
        errors,
        language,
        onAssignee: (to) => set({ ...action, to }),
      })}
      ${(['ja', 'en'] as const).map((key) =>
        renderTextControl({
          id: `${id}-message-${key}`,
          label: workflowText(
            language,
            key === 'ja' ? 'editor.workflow.action.messageJa' : 'editor.workflow.action.messageEn',
          ),
          value: action.message[key] ?? '',
          errors: [
            ...(key === 'ja' ? errorsAt(errors, `${pointer}/message`) : []),
            ...errorsAt(errors, `${pointer}/message/${key}`),
          ],
          language,
          onValue: (value) => message(key, value),
        }),
      )}`;
    }
  }
}
