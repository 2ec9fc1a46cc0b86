import { html, nothing, type TemplateResult } from 'lit';
import { type CalendarPreference, translate } from '../../i18n/index.ts';
import type { EntityMetadata, FieldDefinition, Language, RecordData } from '../../metadata/index.ts';
import { localizedString, localizedText } from '../shared/index.ts';
import { controlKind, renderControl } from './field-control.ts';
import type { FieldView, LookupState } from './field-view.ts';
import { inputText, valueFromInput } from './form-values.ts';

/** Everything needed to draw one line-item collection as an editable table. */
export interface LineItemsView {
  collection: FieldDefinition;
  child: EntityMetadata;
  id: string;
  rows: readonly RecordData[];
  /** Each row's computed values (a line's amount), worked out live. */
  computed: readonly RecordData[];
  /** Messages by row and child field. */
  rowErrors: readonly Readonly<Record<string, string>>[];
  /** A message about the table as a whole (too few or too many rows). */
  errorMessage: string;
  /** Choices of the child's reference fields, by field name. */
  lookups: Readonly<Record<string, LookupState>>;
  language: Language;
  calendar: CalendarPreference;
  /** Changes the rows; given the rows as they are now, since several inputs may fire before a render. */
  onRows(change: (rows: readonly RecordData[]) => RecordData[]): void;
}

/** The child's columns: every field but the reference back to the parent (the engine sets it). */
export function lineItemColumns(view: Pick<LineItemsView, 'collection' | 'child'>): FieldDefinition[] {
  return view.child.fields.filter((field) => field.type !== 'collection' && field.name !== view.collection.inverse);
}

/**
 * A table with one row per line item: each cell a labelled control (the label names the row
 * for screen readers), computed cells as live output, a remove button per row and an add
 * button, each disabled at the collection's row bounds.
 */
export function renderLineItems(view: LineItemsView): TemplateResult {
  const say = (key: Parameters<typeof translate>[1], values?: Record<string, string | number>) =>
    translate(view.language, key, values);
  const columns = lineItemColumns(view);
  const { minItems = 0, maxItems = 1000 } = view.collection.lineItems ?? {};
  const setRow = (index: number, name: string, value: unknown) =>
    view.onRows((rows) =>
      rows.map((row, i) => {
        if (i !== index) return row;
        const next = { ...row };
        if (value === undefined) delete next[name];
        else next[name] = value;
        return next;
      }),
    );
  const errorId = `${view.id}-error`;
  return html`<fieldset class="field line-items" id=${view.id} tabindex="-1" aria-describedby=${view.errorMessage ? errorId : nothing}>
    <legend>${localizedText(view.collection.label, view.language)}</legend>
    ${view.errorMessage ? html`<p class="error" id=${errorId}>${view.errorMessage}</p>` : nothing}
    ${
      view.rows.length === 0
        ? html`<p class="help">${say('form.lineEmpty')}</p>`
        : html`<table>
          <thead>
            <tr>
              ${columns.map((field) => html`<th scope="col">${localizedText(field.label, view.language)}</th>`)}
              <th scope="col"><span class="visually-hidden">${say('form.lineRemove', { row: '' })}</span></th>
            </tr>
          </thead>
          <tbody>
            ${view.rows.map(
              (row, index) => html`<tr>
                ${columns.map((field) => html`<td>${cell(view, field, row, index, setRow)}</td>`)}
                <td>
                  <button
                    type="button"
                    ?disabled=${view.rows.length <= minItems}
                    @click=${() => view.onRows((rows) => rows.filter((_, i) => i !== index))}
                  >
                    ${say('form.lineRemove', { row: index + 1 })}
                  </button>
                </td>
              </tr>`,
            )}
          </tbody>
        </table>`
    }
    <button type="button" ?disabled=${view.rows.length >= maxItems} @click=${() => view.onRows((rows) => [...rows, {}])}>
      ${say('form.lineAdd')}
    </button>
  </fieldset>`;
}

function cell(
  view: LineItemsView,
  field: FieldDefinition,
  row: RecordData,
  index: number,
  setRow: (index: number, name: string, value: unknown) => void,
) {
  const id = `${view.id}-${index}-${field.name}`;
  const rowName = translate(view.language, 'form.lineRow', { row: index + 1 });
  const label = `${rowName} ${localizedString(field.label, view.language)}`;
  if (field.compute !== undefined) {
    const value = view.computed[index]?.[field.name];
    return html`<output id=${id} aria-label=${label}>${value === null || value === undefined ? '—' : String(value)}</output>`;
  }
  const errorMessage = view.rowErrors[index]?.[field.name] ?? '';
  const cellView: FieldView = {
    field,
    placement: { field: field.name },
    id,
    label: html`${label}`,
    labelText: label,
    text: inputText(field, row[field.name]),
    value: row[field.name],
    required: field.required === true && field.default === undefined,
    readOnly: false,
    errorMessage,
    lookup: view.lookups[field.name],
    language: view.language,
    calendar: view.calendar,
    onText: (text) => setRow(index, field.name, valueFromInput(field, text)),
    onValue: (value) => setRow(index, field.name, value),
  };
  const kind = controlKind(cellView);
  if (kind === 'checkbox') {
    return html`<input
      type="checkbox"
      id=${id}
      aria-label=${label}
      .checked=${row[field.name] === true}
      @change=${(event: Event) => setRow(index, field.name, (event.target as HTMLInputElement).checked)}
    />`;
  }
  const control = renderControl(cellView, kind === 'radio' || kind === 'plugin' ? 'input' : kind);
  return html`<label class="visually-hidden" for=${id}>${label}</label>${control}${
    errorMessage ? html`<p class="error" id="${id}-error">${errorMessage}</p>` : nothing
  }`;
}
