import type { FieldDefinition, FormField } from '@kiban/runtime-ui';
import { html, type TemplateResult } from 'lit';
import { type EditorError, type EditorLanguage, errorsAt, isWithin, unclaimedErrors } from '../errors.ts';
import { editorText } from '../i18n/index.ts';
import { renderErrors } from '../shared/controls.ts';
import { startDrag } from './drag-data.ts';
import type { PlacementAt } from './form-changes.ts';
import { PLACEMENT_SETTINGS, renderPlacementEditor } from './placement-editor.ts';

export interface PlacementRow {
  placement: FormField;
  at: PlacementAt;
  /** How many fields the section holds, to disable moving past its ends. */
  count: number;
  fields: readonly FieldDefinition[];
  pointer: string;
  errors: readonly EditorError[];
  language: EditorLanguage;
  onPlacement: (placement: FormField) => void;
  onMove: (index: number) => void;
  onRemove: () => void;
}

/** The label of a placed field, or its name when the entity has no such field (the error says why). */
export function placedFieldTitle(fields: readonly FieldDefinition[], name: string, language: EditorLanguage): string {
  const field = fields.find((candidate) => candidate.name === name);
  return field ? (field.label[language] ?? field.label.ja) : name;
}

/**
 * One field on the form: draggable to another place, movable with buttons for keyboard
 * users, and its display settings folded away until wanted (or until they hold an error).
 */
export function renderPlacementRow(row: PlacementRow): TemplateResult {
  const { at, language } = row;
  const id = `placement-${at.section}-${at.index}`;
  const title = placedFieldTitle(row.fields, row.placement.field, language);
  const settingErrors = row.errors.filter((error) =>
    PLACEMENT_SETTINGS.some((setting) => isWithin(error.pointer, `${row.pointer}${setting}`)),
  );
  const rowErrors = [
    ...errorsAt(row.errors, `${row.pointer}/field`),
    ...unclaimedErrors(row.errors, row.pointer, ['/field', ...PLACEMENT_SETTINGS]),
  ];
  return html`<li
    class="card placement"
    data-index=${at.index}
    draggable="true"
    @dragstart=${(event: DragEvent) => startDrag(event, { kind: 'placed', at })}
  >
    <div class="toolbar">
      <strong class="placement-title" id="${id}-title">${title}</strong>
      <button type="button" id="${id}-up" ?disabled=${at.index === 0} @click=${() => row.onMove(at.index - 1)}>
        ${editorText(language, 'editor.placement.moveUp', { label: title })}
      </button>
      <button
        type="button"
        id="${id}-down"
        ?disabled=${at.index === row.count - 1}
        @click=${() => row.onMove(at.index + 1)}
      >
        ${editorText(language, 'editor.placement.moveDown', { label: title })}
      </button>
      <button type="button" class="danger" id="${id}-remove" @click=${row.onRemove}>
        ${editorText(language, 'editor.placement.remove', { label: title })}
      </button>
    </div>
    ${renderErrors(`${id}-field`, rowErrors, language)}
    <details ?open=${settingErrors.length > 0}>
      <summary>${editorText(language, 'editor.placement.settings', { label: title })}</summary>
      ${renderPlacementEditor({
        id,
        placement: row.placement,
        fields: row.fields,
        pointer: row.pointer,
        errors: row.errors,
        language,
        onPlacement: row.onPlacement,
      })}
    </details>
  </li>`;
}
