import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { translate } from '../../i18n/index.ts';
import { fieldWidgetTag } from '../../plugins/index.ts';
import { localizedString } from '../shared/index.ts';
import { describedBy, type FieldView } from './field-view.ts';

/** How a field is entered; metadata may ask for a widget, otherwise the type decides. */
export type ControlKind = 'plugin' | 'checkbox' | 'radio' | 'select' | 'reference' | 'file' | 'textarea' | 'input';

export function controlKind(view: FieldView): ControlKind {
  const { field, placement } = view;
  if (fieldWidgetTag(placement.widget) || fieldWidgetTag(field.customType?.name)) return 'plugin';
  if (field.type === 'boolean') return 'checkbox';
  if (field.type === 'file') return 'file';
  if (field.type === 'enum') return placement.widget === 'radio' ? 'radio' : 'select';
  if (field.type === 'reference') return 'reference';
  if (field.type === 'text' || field.type === 'json' || placement.widget === 'textarea') return 'textarea';
  return 'input';
}

/** Native input attributes per type: the keyboard phones show and what browsers may autofill. */
const INPUTS: Partial<Record<FieldView['field']['type'], { type: string; inputmode?: string; autocomplete?: string }>> =
  {
    integer: { type: 'number', inputmode: 'numeric' },
    decimal: { type: 'text', inputmode: 'decimal' },
    date: { type: 'date' },
    datetime: { type: 'datetime-local' },
    email: { type: 'email', inputmode: 'email', autocomplete: 'email' },
    phone: { type: 'tel', inputmode: 'tel', autocomplete: 'tel' },
    postalCode: { type: 'text', inputmode: 'numeric', autocomplete: 'postal-code' },
  };

const textOf = (event: Event) => (event.target as HTMLInputElement).value;

/** The control of a field that has one input element (not a radio group or checkbox). */
export function renderControl(view: FieldView, kind: ControlKind): TemplateResult {
  const common = {
    id: view.id,
    describedBy: describedBy(view) || undefined,
    invalid: view.errorMessage ? 'true' : undefined,
  };
  switch (kind) {
    case 'select':
    case 'reference':
      return html`<select
        id=${common.id}
        aria-describedby=${ifDefined(common.describedBy)}
        aria-invalid=${ifDefined(common.invalid)}
        ?required=${view.required}
        ?disabled=${view.readOnly}
        @change=${(event: Event) => view.onText(textOf(event))}
      >
        <option value="" ?selected=${view.text === ''}>${translate(view.language, 'form.selectPlaceholder')}</option>
        ${selectOptions(view, kind)}
      </select>`;
    case 'textarea':
      return html`<textarea
        id=${common.id}
        rows=${view.field.type === 'json' ? 6 : 4}
        aria-describedby=${ifDefined(common.describedBy)}
        aria-invalid=${ifDefined(common.invalid)}
        placeholder=${ifDefined(view.placeholder)}
        ?required=${view.required}
        ?readonly=${view.readOnly}
        .value=${view.text}
        @input=${(event: Event) => view.onText(textOf(event))}
      ></textarea>`;
    default: {
      const input = INPUTS[view.field.type] ?? { type: 'text' };
      return html`<input
        id=${common.id}
        type=${input.type}
        inputmode=${ifDefined(input.inputmode)}
        autocomplete=${ifDefined(input.autocomplete)}
        lang=${ifDefined(view.field.type === 'kana' ? 'ja' : undefined)}
        min=${ifDefined(nativeBound(view, 'min'))}
        max=${ifDefined(nativeBound(view, 'max'))}
        step=${ifDefined(view.field.type === 'integer' ? '1' : undefined)}
        maxlength=${ifDefined(view.field.maxLength)}
        aria-describedby=${ifDefined(common.describedBy)}
        aria-invalid=${ifDefined(common.invalid)}
        placeholder=${ifDefined(view.placeholder)}
        ?required=${view.required}
        ?readonly=${view.readOnly}
        .value=${view.text}
        @input=${(event: Event) => view.onText(textOf(event))}
      />`;
    }
  }
}

function selectOptions(view: FieldView, kind: 'select' | 'reference') {
  if (kind === 'select') {
    return (view.field.values ?? []).map(
      (option) =>
        html`<option value=${option.value} ?selected=${view.text === option.value}>
          ${localizedString(option.label, view.language)}
        </option>`,
    );
  }
  const lookup = view.lookup;
  if (lookup === undefined) return nothing;
  if (lookup === 'loading' || lookup === 'failed') {
    const key = lookup === 'failed' ? 'form.lookupFailed' : 'form.lookupLoading';
    return html`<option value="" disabled>${translate(view.language, key)}</option>`;
  }
  return lookup.map(
    (option) => html`<option value=${option.value} ?selected=${view.text === option.value}>${option.label}</option>`,
  );
}

/** Dates and numbers take the field's bounds as native limits, so a date picker greys out other days. */
function nativeBound(view: FieldView, bound: 'min' | 'max'): string | undefined {
  const limit = view.field[bound];
  if (limit === undefined) return undefined;
  if (view.field.type === 'date') return String(limit).slice(0, 10);
  if (view.field.type === 'integer' || view.field.type === 'decimal') return String(limit);
  return undefined;
}

/** A plugin's own element, kept across renders so that it keeps its inner state. */
export function renderPluginWidget(view: FieldView, element: HTMLElement | undefined): HTMLElement {
  const tag = (fieldWidgetTag(view.placement.widget) ?? fieldWidgetTag(view.field.customType?.name)) as string;
  const widget = element?.localName === tag ? element : document.createElement(tag);
  Object.assign(widget, {
    id: view.id,
    value: view.value,
    field: view.field,
    label: view.labelText,
    language: view.language,
    required: view.required,
    readOnly: view.readOnly,
    invalid: view.errorMessage !== '',
    errorMessage: view.errorMessage,
  });
  return widget;
}
