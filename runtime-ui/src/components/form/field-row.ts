import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { formatDate, translate } from '../../i18n/index.ts';
import type { FieldWidgetElement } from '../../plugins/index.ts';
import { localizedText } from '../shared/index.ts';
import { controlKind, renderControl, renderPluginWidget } from './field-control.ts';
import { describedBy, errorId, type FieldView, helpId } from './field-view.ts';
import { renderFileRow } from './file-field.ts';

/**
 * One field with its label, required marker, help and error. The error sits between the
 * label and the input, where it is read before the value; help and error both describe the
 * input (`aria-describedby`) so a screen reader announces them on focus.
 */
export function renderFieldRow(view: FieldView, pluginElements: Map<string, HTMLElement>): TemplateResult {
  const kind = controlKind(view);
  if (kind === 'radio') return radioGroup(view);
  if (kind === 'checkbox') return checkbox(view);
  if (kind === 'file') return renderFileRow(view, help(view), error(view), requiredMark(view));
  if (kind === 'plugin') {
    const widget = renderPluginWidget(view, pluginElements.get(view.field.name));
    pluginElements.set(view.field.name, widget);
    return html`<div class="field" @input=${() => view.onValue((widget as FieldWidgetElement).value)}>
      ${help(view)} ${error(view)} ${widget}
    </div>`;
  }
  return html`<div class="field">
    <label for=${view.id}>${view.label}${requiredMark(view)}</label>
    ${help(view)} ${error(view)} ${renderControl(view, kind)} ${eraHint(view)}
  </div>`;
}

function requiredMark(view: FieldView) {
  return view.required ? html`<span class="required">${translate(view.language, 'form.required')}</span>` : nothing;
}

function help(view: FieldView) {
  return view.help ? html`<p class="help" id=${helpId(view)}>${view.help}</p>` : nothing;
}

function error(view: FieldView) {
  return view.errorMessage ? html`<p class="error" id=${errorId(view)}>${view.errorMessage}</p>` : nothing;
}

/** The chosen day in 和暦 too, since the browser's date picker only speaks 西暦. */
function eraHint(view: FieldView) {
  if (view.field.type !== 'date' || view.calendar !== 'japanese' || typeof view.value !== 'string') return nothing;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(view.value)) return nothing;
  const date = formatDate(view.value, view.language, 'japanese');
  return html`<p class="era">${translate(view.language, 'form.eraDate', { date })}</p>`;
}

function radioGroup(view: FieldView) {
  return html`<fieldset class="field" aria-describedby=${ifDefined(describedBy(view) || undefined)}>
    <legend>${view.label}${requiredMark(view)}</legend>
    ${help(view)} ${error(view)}
    ${(view.field.values ?? []).map((option, index) => {
      const id = index === 0 ? view.id : `${view.id}-${index}`;
      return html`<div class="choice">
        <input
          type="radio"
          id=${id}
          name=${view.id}
          value=${option.value}
          aria-invalid=${ifDefined(view.errorMessage ? 'true' : undefined)}
          ?required=${view.required}
          ?disabled=${view.readOnly}
          .checked=${view.value === option.value}
          @change=${() => view.onValue(option.value)}
        />
        <label for=${id}>${localizedText(option.label, view.language)}</label>
      </div>`;
    })}
  </fieldset>`;
}

function checkbox(view: FieldView) {
  return html`<div class="field">
    ${error(view)}
    <div class="choice">
      <input
        type="checkbox"
        id=${view.id}
        aria-describedby=${ifDefined(describedBy(view) || undefined)}
        aria-invalid=${ifDefined(view.errorMessage ? 'true' : undefined)}
        ?disabled=${view.readOnly}
        .checked=${view.value === true}
        @change=${(event: Event) => view.onValue((event.target as HTMLInputElement).checked)}
      />
      <label for=${view.id}>${view.label}${requiredMark(view)}</label>
    </div>
    ${help(view)}
  </div>`;
}
