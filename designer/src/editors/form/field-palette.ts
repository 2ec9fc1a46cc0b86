import type { FieldDefinition, FormMetadata } from '@kiban/runtime-ui';
import { html, type TemplateResult } from 'lit';
import type { EditorLanguage } from '../errors.ts';
import { editorText } from '../i18n/index.ts';
import { renderSelectControl } from '../shared/controls.ts';
import { startDrag } from './drag-data.ts';
import { placedFieldNames } from './form-changes.ts';

export interface PaletteView {
  form: FormMetadata;
  fields: readonly FieldDefinition[];
  language: EditorLanguage;
  /** The section the "add" buttons put a field in. */
  targetSection: number;
  onTarget: (section: number) => void;
  onAdd: (field: string) => void;
}

/** Fields a form can show: a collection lists other records and has no input of its own. */
export function placeableFields(fields: readonly FieldDefinition[], form: FormMetadata): FieldDefinition[] {
  const placed = placedFieldNames(form);
  return fields.filter((field) => field.type !== 'collection' && !placed.has(field.name));
}

/**
 * The entity's fields not yet on the form. Each can be dragged onto a section, or added to
 * the chosen section with its button: dragging is not possible for everyone (WCAG 2.1.1).
 */
export function renderFieldPalette(view: PaletteView): TemplateResult {
  const { form, language } = view;
  const fields = placeableFields(view.fields, form);
  const target = form.sections[view.targetSection];
  const targetLabel = target ? (target.label[language] ?? target.label.ja) : '';
  return html`<section class="palette" aria-labelledby="palette-heading">
    <h3 id="palette-heading">${editorText(language, 'editor.palette.heading')}</h3>
    <p id="palette-hint">${editorText(language, 'editor.palette.hint')}</p>
    ${renderSelectControl({
      id: 'palette-target',
      label: editorText(language, 'editor.palette.target'),
      value: String(view.targetSection),
      options: form.sections.map((section, index) => ({
        value: String(index),
        label: section.label[language] ?? section.label.ja,
      })),
      errors: [],
      language,
      onValue: (value) => view.onTarget(Number(value)),
    })}
    ${
      fields.length === 0
        ? html`<p>${editorText(language, 'editor.palette.empty')}</p>`
        : html`<ul class="plain">
          ${fields.map((field) => {
            const label = field.label[language] ?? field.label.ja;
            return html`<li
              class="card palette-field"
              data-field=${field.name}
              draggable="true"
              @dragstart=${(event: DragEvent) => startDrag(event, { kind: 'palette', field: field.name })}
            >
              <span>${label}</span>
              <button
                type="button"
                id="palette-add-${field.name}"
                ?disabled=${!target}
                aria-label=${editorText(language, 'editor.palette.addTo', { field: label, section: targetLabel })}
                @click=${() => view.onAdd(field.name)}
              >
                ${editorText(language, 'editor.palette.add')}
              </button>
            </li>`;
          })}
        </ul>`
    }
  </section>`;
}
