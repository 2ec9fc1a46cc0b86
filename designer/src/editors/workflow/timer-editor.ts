import { html, type TemplateResult } from 'lit';
import { type EditorError, type EditorLanguage, errorsAt, pointerOf, unclaimedErrors } from '../errors.ts';
import { renderErrors, renderSelectControl, renderTextControl } from '../shared/controls.ts';
import { insertAt, removeAt, replaceAt } from '../shared/immutable.ts';
import { renderAssigneeControl } from './assignee-control.ts';
import { localizedString, workflowText } from './workflow-messages.ts';
import type { WorkflowDuration, WorkflowTimer, WorkflowTransition } from './workflow-types.ts';

type Unit = 'businessDays' | 'hours';
type Effect = 'transition' | 'reassignTo';

export interface TimersControl {
  id: string;
  timers: readonly WorkflowTimer[];
  /** Transitions that leave the state: the ones a timer may make. */
  leaving: readonly WorkflowTransition[];
  roles: readonly string[];
  /** Pointer of the timers list, e.g. `/states/1/timers`. */
  pointer: string;
  errors: readonly EditorError[];
  language: EditorLanguage;
  onTimers: (timers: WorkflowTimer[]) => void;
}

const unitOf = (duration: WorkflowDuration): Unit => ('hours' in duration ? 'hours' : 'businessDays');
const amountOf = (duration: WorkflowDuration): number => ('hours' in duration ? duration.hours : duration.businessDays);

/** A first timer: three business days, then the first transition out or, without one, escalation. */
function newTimer(control: TimersControl): WorkflowTimer {
  const [first] = control.leaving;
  return first
    ? { after: { businessDays: 3 }, transition: first.name }
    : { after: { businessDays: 3 }, reassignTo: { role: control.roles[0] ?? '' } };
}

/** What happens a while after a record enters the state: a transition or a reassignment. */
export function renderTimers(control: TimersControl): TemplateResult {
  const { timers, language } = control;
  return html`<fieldset class="timers">
    <legend>${workflowText(language, 'editor.workflow.timers')}</legend>
    ${renderErrors(`${control.id}-own`, errorsAt(control.errors, control.pointer), language)}
    <ol class="plain">
      ${timers.map((timer, index) => html`<li>${renderTimer(control, timer, index)}</li>`)}
    </ol>
    <button type="button" class="add-timer" @click=${() =>
      control.onTimers(insertAt(timers, timers.length, newTimer(control)))}>
      ${workflowText(language, 'editor.workflow.timer.add')}
    </button>
  </fieldset>`;
}

function renderTimer(control: TimersControl, timer: WorkflowTimer, index: number): TemplateResult {
  const { language, errors } = control;
  const id = `${control.id}-${index}`;
  const pointer = `${control.pointer}${pointerOf(index)}`;
  const position = index + 1;
  if (timer.after === undefined || timer.actions !== undefined) {
    // A timer relative to a date field, or one that only notifies, is edited in the JSON view.
    return html`<fieldset class="card timer" data-pointer=${pointer}>
      <legend>${workflowText(language, 'editor.workflow.timer.heading', { position })}</legend>
      ${renderErrors(`${id}-own`, unclaimedErrors(errors, pointer, []), language)}
      <pre>${JSON.stringify(timer, null, 2)}</pre>
    </fieldset>`;
  }
  const after = timer.after;
  const set = (next: WorkflowTimer) => control.onTimers(replaceAt(control.timers, index, next));
  const unit = unitOf(after);
  const effect: Effect = timer.reassignTo ? 'reassignTo' : 'transition';
  const withEffect = (next: Effect): WorkflowTimer =>
    next === 'transition'
      ? { after: after, transition: control.leaving[0]?.name ?? '' }
      : { after: after, reassignTo: { role: control.roles[0] ?? '' } };
  const names = control.leaving.map((transition) => transition.name);
  const current = timer.transition ?? '';
  const transitionOptions = control.leaving.map((transition) => ({
    value: transition.name,
    label: `${localizedString(transition.label, language)} (${transition.name})`,
  }));
  if (!names.includes(current)) transitionOptions.unshift({ value: current, label: current });
  return html`<fieldset class="card timer" data-pointer=${pointer}>
    <legend>${workflowText(language, 'editor.workflow.timer.heading', { position })}</legend>
    ${renderErrors(`${id}-own`, unclaimedErrors(errors, pointer, ['/after', '/transition', '/reassignTo']), language)}
    <div class="controls">
      ${renderTextControl({
        id: `${id}-amount`,
        label: workflowText(language, 'editor.workflow.timer.amount'),
        type: 'number',
        value: String(amountOf(after)),
        errors: [...errorsAt(errors, `${pointer}/after`), ...errorsAt(errors, `${pointer}/after/${unit}`)],
        language,
        onValue: (text) => set({ ...timer, after: { [unit]: Number(text) } as WorkflowDuration }),
      })}
      ${renderSelectControl({
        id: `${id}-unit`,
        label: workflowText(language, 'editor.workflow.timer.unit'),
        value: unit,
        options: (['businessDays', 'hours'] as const).map((each) => ({
          value: each,
          label: workflowText(language, `editor.workflow.timer.unit.${each}`),
        })),
        errors: [],
        language,
        onValue: (next) => set({ ...timer, after: { [next]: amountOf(after) } as WorkflowDuration }),
      })}
      ${renderSelectControl({
        id: `${id}-effect`,
        label: workflowText(language, 'editor.workflow.timer.effect'),
        value: effect,
        options: (['transition', 'reassignTo'] as const).map((each) => ({
          value: each,
          label: workflowText(language, `editor.workflow.timer.effect.${each}`),
        })),
        errors: [],
        language,
        onValue: (next) => set(withEffect(next as Effect)),
      })}
    </div>
    ${
      timer.reassignTo
        ? renderAssigneeControl({
            id: `${id}-reassign`,
            legend: workflowText(language, 'editor.workflow.timer.reassignTo'),
            assignee: timer.reassignTo,
            roles: control.roles,
            pointer: `${pointer}/reassignTo`,
            errors,
            language,
            onAssignee: (reassignTo) => set({ after: after, reassignTo }),
          })
        : renderSelectControl({
            id: `${id}-transition`,
            label: workflowText(language, 'editor.workflow.timer.transition'),
            value: current,
            options: transitionOptions,
            errors: errorsAt(errors, `${pointer}/transition`),
            language,
            onValue: (transition) => set({ after: after, transition }),
          })
    }
    <button type="button" class="danger" @click=${() => control.onTimers(removeAt(control.timers, index))}>
      ${workflowText(language, 'editor.workflow.timer.remove', { position })}
    </button>
  </fieldset>`;
}
