import { html, type TemplateResult } from 'lit';
import { type EditorError, type EditorLanguage, errorsAt, pointerOf, unclaimedErrors } from '../errors.ts';
import { renderErrors, renderSelectControl, renderTextControl } from '../shared/controls.ts';
import { insertAt, removeAt, replaceAt } from '../shared/immutable.ts';
import { renderAssigneeControl } from './assignee-control.ts';
import { localizedString, workflowText } from './workflow-messages.ts';
import type { WorkflowDuration, WorkflowTimer, WorkflowTimerAt, WorkflowTransition } from './workflow-types.ts';

type Unit = 'businessDays' | 'hours';
type DayUnit = 'businessDays' | 'days';
type Effect = 'transition' | 'reassignTo';
/** When a timer fires: a while after the record entered the state, or a day relative to one of its date fields. */
type Timing = Pick<WorkflowTimer, 'after' | 'at'>;

export interface TimersControl {
  id: string;
  timers: readonly WorkflowTimer[];
  /** Transitions that leave the state: the ones a timer may make. */
  leaving: readonly WorkflowTransition[];
  roles: readonly string[];
  /** The date fields of the workflow's entity, which a timer may count from. */
  dateFields: readonly { value: string; label: string }[];
  /** Pointer of the timers list, e.g. `/states/1/timers`. */
  pointer: string;
  errors: readonly EditorError[];
  language: EditorLanguage;
  onTimers: (timers: WorkflowTimer[]) => void;
}

const unitOf = (duration: WorkflowDuration): Unit => ('hours' in duration ? 'hours' : 'businessDays');
const amountOf = (duration: WorkflowDuration): number => ('hours' in duration ? duration.hours : duration.businessDays);
const dayUnitOf = (at: WorkflowTimerAt): DayUnit => (at.days !== undefined ? 'days' : 'businessDays');
const offsetOf = (at: WorkflowTimerAt): number => at.days ?? at.businessDays ?? 0;
const timingOf = (timer: WorkflowTimer): Timing => (timer.at ? { at: timer.at } : { after: timer.after });

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
  if (timer.actions !== undefined || (timer.after === undefined && timer.at === undefined)) {
    // A timer that only notifies is edited in the JSON view.
    return html`<fieldset class="card timer" data-pointer=${pointer}>
      <legend>${workflowText(language, 'editor.workflow.timer.heading', { position })}</legend>
      ${renderErrors(`${id}-own`, unclaimedErrors(errors, pointer, []), language)}
      <pre>${JSON.stringify(timer, null, 2)}</pre>
    </fieldset>`;
  }
  const timing = timingOf(timer);
  const set = (next: WorkflowTimer) => control.onTimers(replaceAt(control.timers, index, next));
  const effect: Effect = timer.reassignTo ? 'reassignTo' : 'transition';
  const withEffect = (next: Effect): WorkflowTimer =>
    next === 'transition'
      ? { ...timing, transition: control.leaving[0]?.name ?? '' }
      : { ...timing, reassignTo: { role: control.roles[0] ?? '' } };
  const names = control.leaving.map((transition) => transition.name);
  const current = timer.transition ?? '';
  const transitionOptions = control.leaving.map((transition) => ({
    value: transition.name,
    label: `${localizedString(transition.label, language)} (${transition.name})`,
  }));
  if (!names.includes(current)) transitionOptions.unshift({ value: current, label: current });
  const effectOf = (): Partial<WorkflowTimer> =>
    timer.reassignTo ? { reassignTo: timer.reassignTo } : { transition: timer.transition };
  const setTiming = (next: Timing) => set({ ...next, ...effectOf() });
  return html`<fieldset class="card timer" data-pointer=${pointer}>
    <legend>${workflowText(language, 'editor.workflow.timer.heading', { position })}</legend>
    ${renderErrors(`${id}-own`, unclaimedErrors(errors, pointer, ['/after', '/at', '/transition', '/reassignTo']), language)}
    <div class="controls">
      ${renderTimingControls(control, timing, id, pointer, setTiming)}
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
            onAssignee: (reassignTo) => set({ ...timing, reassignTo }),
          })
        : renderSelectControl({
            id: `${id}-transition`,
            label: workflowText(language, 'editor.workflow.timer.transition'),
            value: current,
            options: transitionOptions,
            errors: errorsAt(errors, `${pointer}/transition`),
            language,
            onValue: (transition) => set({ ...timing, transition }),
          })
    }
    <button type="button" class="danger" @click=${() => control.onTimers(removeAt(control.timers, index))}>
      ${workflowText(language, 'editor.workflow.timer.remove', { position })}
    </button>
  </fieldset>`;
}

/** From when the timer counts, and how far: after entering the state, or before/after a date field. */
function renderTimingControls(
  control: TimersControl,
  timing: Timing,
  id: string,
  pointer: string,
  setTiming: (next: Timing) => void,
): TemplateResult {
  const { language, errors } = control;
  const start = timing.at ? 'field' : 'entered';
  const firstField = control.dateFields[0]?.value ?? '';
  const startControl = renderSelectControl({
    id: `${id}-start`,
    label: workflowText(language, 'editor.workflow.timer.start'),
    value: start,
    options: (['entered', 'field'] as const).map((each) => ({
      value: each,
      label: workflowText(language, `editor.workflow.timer.start.${each}`),
    })),
    errors: [],
    language,
    onValue: (next) =>
      setTiming(next === 'field' ? { at: { field: firstField, businessDays: -2 } } : { after: { businessDays: 3 } }),
  });
  if (timing.after) {
    const after = timing.after;
    const unit = unitOf(after);
    return html`${startControl}
      ${renderTextControl({
        id: `${id}-amount`,
        label: workflowText(language, 'editor.workflow.timer.amount'),
        type: 'number',
        value: String(amountOf(after)),
        errors: [...errorsAt(errors, `${pointer}/after`), ...errorsAt(errors, `${pointer}/after/${unit}`)],
        language,
        onValue: (text) => setTiming({ after: { [unit]: Number(text) } as WorkflowDuration }),
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
        onValue: (next) => setTiming({ after: { [next]: amountOf(after) } as WorkflowDuration }),
      })}`;
  }
  const at = timing.at as WorkflowTimerAt;
  const unit = dayUnitOf(at);
  const offset = offsetOf(at);
  const direction = offset < 0 ? 'before' : 'after';
  const write = (field: string, amount: number, dayUnit: DayUnit, sign: number) =>
    setTiming({ at: { field, [dayUnit]: sign * Math.abs(amount) } as WorkflowTimerAt });
  const sign = direction === 'before' ? -1 : 1;
  const fields = [...control.dateFields];
  if (!fields.some((field) => field.value === at.field)) fields.unshift({ value: at.field, label: at.field });
  return html`${startControl}
    ${renderSelectControl({
      id: `${id}-field`,
      label: workflowText(language, 'editor.workflow.timer.field'),
      value: at.field,
      options: fields,
      errors: errorsAt(errors, `${pointer}/at/field`),
      language,
      onValue: (field) => write(field, offset, unit, sign),
    })}
    ${renderTextControl({
      id: `${id}-amount`,
      label: workflowText(language, 'editor.workflow.timer.amount'),
      type: 'number',
      value: String(Math.abs(offset)),
      errors: [...errorsAt(errors, `${pointer}/at`), ...errorsAt(errors, `${pointer}/at/${unit}`)],
      language,
      onValue: (text) => write(at.field, Number(text), unit, sign),
    })}
    ${renderSelectControl({
      id: `${id}-unit`,
      label: workflowText(language, 'editor.workflow.timer.unit'),
      value: unit,
      options: (['businessDays', 'days'] as const).map((each) => ({
        value: each,
        label: workflowText(language, `editor.workflow.timer.unit.${each}`),
      })),
      errors: [],
      language,
      onValue: (next) => write(at.field, offset, next as DayUnit, sign),
    })}
    ${renderSelectControl({
      id: `${id}-direction`,
      label: workflowText(language, 'editor.workflow.timer.direction'),
      value: direction,
      options: (['before', 'after'] as const).map((each) => ({
        value: each,
        label: workflowText(language, `editor.workflow.timer.direction.${each}`),
      })),
      errors: [],
      language,
      onValue: (next) => write(at.field, offset, unit, next === 'before' ? -1 : 1),
    })}`;
}
