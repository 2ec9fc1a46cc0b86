import { html, type TemplateResult } from 'lit';
import { type EditorError, type EditorLanguage, errorsAt, unclaimedErrors } from '../errors.ts';
import { renderErrors, renderSelectControl, renderTextControl } from '../shared/controls.ts';
import { workflowText } from './workflow-messages.ts';
import type { Assignee } from './workflow-types.ts';

type AssigneeKind = 'role' | 'department' | 'principal';
const KINDS: readonly AssigneeKind[] = ['role', 'department', 'principal'];
/** The people a workflow can name without knowing them: who owns the record, who made the transition. */
const PEOPLE = ['$owner', '$actor'] as const;

export interface AssigneeControl {
  id: string;
  legend: string;
  assignee: Assignee;
  roles: readonly string[];
  /** Pointer of the assignee in the workflow. */
  pointer: string;
  errors: readonly EditorError[];
  language: EditorLanguage;
  onAssignee: (assignee: Assignee) => void;
}

function kindOf(assignee: Assignee): AssigneeKind {
  if ('role' in assignee) return 'role';
  if ('department' in assignee) return 'department';
  return 'principal';
}

/** Offers `current` as well when the list lacks it, so a select never silently shows another value. */
function optionsWith(values: readonly string[], current: string, label: (value: string) => string = (value) => value) {
  const all = values.includes(current) || current === '' ? values : [current, ...values];
  return all.map((value) => ({ value, label: label(value) }));
}

/** Who a task or a notification is for: a role, a department, or a person ($owner, $actor). */
export function renderAssigneeControl(control: AssigneeControl): TemplateResult {
  const { assignee, language, pointer } = control;
  const kind = kindOf(assignee);
  const value = (assignee as Record<AssigneeKind, string>)[kind];
  const emptyFor: Record<AssigneeKind, Assignee> = {
    role: { role: control.roles[0] ?? '' },
    department: { department: '' },
    principal: { principal: '$owner' },
  };
  const common = { errors: errorsAt(control.errors, `${pointer}/${kind}`), language };
  let valueControl: TemplateResult;
  if (kind === 'department') {
    valueControl = renderTextControl({
      ...common,
      id: `${control.id}-value`,
      label: workflowText(language, 'editor.workflow.assignee.department'),
      value,
      onValue: (department) => control.onAssignee({ department }),
    });
  } else {
    const people = kind === 'principal';
    valueControl = renderSelectControl({
      ...common,
      id: `${control.id}-value`,
      label: workflowText(language, `editor.workflow.assignee.${kind}`),
      value,
      options: people
        ? optionsWith(PEOPLE, value, (person) =>
            person === '$owner' || person === '$actor'
              ? workflowText(language, `editor.workflow.assignee.${person}`)
              : person,
          )
        : optionsWith(control.roles, value),
      onValue: (next) => control.onAssignee(people ? { principal: next } : { role: next }),
    });
  }
  return html`<fieldset class="assignee">
    <legend>${control.legend}</legend>
    ${renderErrors(`${control.id}-own`, unclaimedErrors(control.errors, pointer, [`/${kind}`]), language)}
    <div class="controls">
      ${renderSelectControl({
        id: `${control.id}-kind`,
        label: workflowText(language, 'editor.workflow.assignee.kind', { label: control.legend }),
        value: kind,
        options: KINDS.map((each) => ({
          value: each,
          label: workflowText(language, `editor.workflow.assignee.${each}`),
        })),
        errors: [],
        language,
        onValue: (next) => control.onAssignee(emptyFor[next as AssigneeKind]),
      })}
      ${valueControl}
    </div>
  </fieldset>`;
}
