import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { type EditorError, type EditorLanguage, errorText } from '../errors.ts';

/**
 * Labelled form controls for the editors. Each carries the errors of the JSON pointer it
 * edits: the control is marked invalid and the messages are read with it (aria-describedby),
 * so a staff member using a screen reader hears the problem where it has to be fixed.
 */
export interface ControlBase {
  id: string;
  label: string;
  errors: readonly EditorError[];
  language: EditorLanguage;
  /** Extra text read with the control, such as a warning; shown under it. */
  note?: TemplateResult | string;
}

export interface TextControl extends ControlBase {
  value: string;
  type?: 'text' | 'number' | 'date';
  /** Id of a datalist of suggestions. */
  list?: string;
  /** `input` reports every keystroke; `change` only the finished value (identifiers). */
  commitOn?: 'input' | 'change';
  onValue: (value: string) => void;
}

export interface SelectControl extends ControlBase {
  value: string;
  options: readonly { value: string; label: string }[];
  onValue: (value: string) => void;
}

export interface CheckboxControl extends ControlBase {
  checked: boolean;
  onChecked: (checked: boolean) => void;
}

const targetValue = (event: Event) => (event.target as HTMLInputElement | HTMLSelectElement).value;

function describedBy(control: ControlBase): string | undefined {
  const ids = [control.note ? `${control.id}-note` : '', control.errors.length > 0 ? `${control.id}-errors` : ''];
  return ids.filter(Boolean).join(' ') || undefined;
}

function invalid(control: ControlBase): 'true' | undefined {
  return control.errors.length > 0 ? 'true' : undefined;
}

function below(control: ControlBase) {
  return html`${control.note ? html`<p class="note" id="${control.id}-note">${control.note}</p>` : nothing}
  ${renderErrors(control.id, control.errors, control.language)}`;
}

/** The messages of `errors` as a list whose id (`<id>-errors`) controls point at. */
export function renderErrors(id: string, errors: readonly EditorError[], language: EditorLanguage) {
  if (errors.length === 0) return nothing;
  return html`<ul class="errors" id="${id}-errors">
    ${errors.map((error) => html`<li>${errorText(error, language)}</li>`)}
  </ul>`;
}

export function renderTextControl(control: TextControl): TemplateResult {
  const commit = (event: Event) => control.onValue(targetValue(event));
  const onInput = control.commitOn === 'change' ? undefined : commit;
  const onChange = control.commitOn === 'change' ? commit : undefined;
  return html`<div class="control">
    <label for=${control.id}>${control.label}</label>
    <input
      id=${control.id}
      type=${control.type ?? 'text'}
      list=${ifDefined(control.list)}
      .value=${live(control.value)}
      aria-invalid=${ifDefined(invalid(control))}
      aria-describedby=${ifDefined(describedBy(control))}
      @input=${ifDefined(onInput)}
      @change=${ifDefined(onChange)}
    />
    ${below(control)}
  </div>`;
}

export function renderSelectControl(control: SelectControl): TemplateResult {
  return html`<div class="control">
    <label for=${control.id}>${control.label}</label>
    <select
      id=${control.id}
      aria-invalid=${ifDefined(invalid(control))}
      aria-describedby=${ifDefined(describedBy(control))}
      @change=${(event: Event) => control.onValue(targetValue(event))}
    >
      ${control.options.map(
        (option) =>
          html`<option value=${option.value} ?selected=${option.value === control.value}>${option.label}</option>`,
      )}
    </select>
    ${below(control)}
  </div>`;
}

export function renderCheckboxControl(control: CheckboxControl): TemplateResult {
  return html`<div class="control checkbox">
    <input
      id=${control.id}
      type="checkbox"
      .checked=${live(control.checked)}
      aria-invalid=${ifDefined(invalid(control))}
      aria-describedby=${ifDefined(describedBy(control))}
      @change=${(event: Event) => control.onChecked((event.target as HTMLInputElement).checked)}
    />
    <label for=${control.id}>${control.label}</label>
    ${below(control)}
  </div>`;
}
