import { html, type TemplateResult } from 'lit';
import { type EditorError, type EditorLanguage, errorsAt } from '../errors.ts';
import { renderSelectControl, renderTextControl } from '../shared/controls.ts';
import { renderTextPair } from './text-pair-inputs.ts';
import { localizedString, workflowText } from './workflow-messages.ts';
import type { EntityMetadata, WorkflowMetadata } from './workflow-types.ts';

export interface HeaderContext {
  workflow: WorkflowMetadata;
  entities: readonly EntityMetadata[];
  errors: readonly EditorError[];
  language: EditorLanguage;
  onWorkflow: (next: WorkflowMetadata) => void;
}

/** The pointers the header shows errors at. */
export const HEADER_POINTERS = ['/name', '/label', '/entity', '/stateField', '/initial'];

/**
 * The state names the state field's enum does not list. The engine refuses such a workflow
 * (a record could not hold the state), so the editor warns while the staff member works.
 */
export function statesMissingFromField(workflow: WorkflowMetadata, entities: readonly EntityMetadata[]): string[] {
  const entity = entities.find((candidate) => candidate.name === workflow.entity);
  const field = entity?.fields.find((candidate) => candidate.name === workflow.stateField);
  if (field?.type !== 'enum') return [];
  const values = new Set((field.values ?? []).map((value) => value.value));
  return workflow.states.map((state) => state.name).filter((name) => !values.has(name));
}

/** The workflow's names, its entity, the enum field holding the state and the initial state. */
export function renderWorkflowHeader(context: HeaderContext): TemplateResult {
  const { workflow, entities, errors, language } = context;
  const set = (next: Partial<WorkflowMetadata>) => context.onWorkflow({ ...workflow, ...next });
  const entity = entities.find((candidate) => candidate.name === workflow.entity);
  const enumFields = (entity?.fields ?? []).filter((field) => field.type === 'enum');
  const fieldOptions = enumFields.map((field) => ({
    value: field.name,
    label: `${localizedString(field.label, language)} (${field.name})`,
  }));
  if (!enumFields.some((field) => field.name === workflow.stateField)) {
    fieldOptions.unshift({ value: workflow.stateField, label: workflow.stateField });
  }
  const entityOptions = entities.map((each) => ({ value: each.name, label: localizedString(each.label, language) }));
  if (!entity) entityOptions.unshift({ value: workflow.entity, label: workflow.entity });
  const missing = statesMissingFromField(workflow, entities);
  return html`<div class="controls">
    ${renderTextControl({
      id: 'workflow-name',
      label: workflowText(language, 'editor.workflow.name'),
      value: workflow.name,
      commitOn: 'change',
      errors: errorsAt(errors, '/name'),
      language,
      onValue: (name) => set({ name }),
    })}
    ${renderTextPair({
      id: 'workflow-label',
      text: workflow.label,
      labels: {
        ja: workflowText(language, 'editor.workflow.labelJa'),
        en: workflowText(language, 'editor.workflow.labelEn'),
      },
      pointer: '/label',
      errors,
      language,
      onText: (label) => set({ label }),
    })}
    ${renderSelectControl({
      id: 'workflow-entity',
      label: workflowText(language, 'editor.workflow.entity'),
      value: workflow.entity,
      options: entityOptions,
      errors: errorsAt(errors, '/entity'),
      language,
      onValue: (name) => {
        const stateField = entities.find((each) => each.name === name)?.fields.find((field) => field.type === 'enum');
        set({ entity: name, stateField: stateField?.name ?? workflow.stateField });
      },
    })}
    ${renderSelectControl({
      id: 'workflow-state-field',
      label: workflowText(language, 'editor.workflow.stateField'),
      value: workflow.stateField,
      options: fieldOptions,
      errors: errorsAt(errors, '/stateField'),
      language,
      note:
        missing.length > 0
          ? workflowText(language, 'editor.workflow.stateField.missing', { names: missing.join(', ') })
          : undefined,
      onValue: (stateField) => set({ stateField }),
    })}
    ${renderSelectControl({
      id: 'workflow-initial',
      label: workflowText(language, 'editor.workflow.initial'),
      value: workflow.initial,
      options: workflow.states.map((state) => ({
        value: state.name,
        label: `${localizedString(state.label, language)} (${state.name})`,
      })),
      errors: errorsAt(errors, '/initial'),
      language,
      onValue: (initial) => set({ initial }),
    })}
  </div>`;
}
