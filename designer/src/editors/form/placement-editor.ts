import type { FieldDefinition, FormField } from '@kiban/runtime-ui';
import { html, type TemplateResult } from 'lit';
import { type EditorError, type EditorLanguage, errorsAt } from '../errors.ts';
import { type EditorMessageKey, editorText } from '../i18n/index.ts';
import { renderCheckboxControl, renderTextControl } from '../shared/controls.ts';
import { renderI18nTextControls } from '../shared/i18n-text-controls.ts';
import { withProperty } from '../shared/immutable.ts';
import { renderConditionEditor } from './condition-editor.ts';
import { renderPrefillEditor } from './prefill-editor.ts';

/** Widgets the renderer knows besides the type's own control; plugins register more by name. */
const BUILT_IN_WIDGETS = ['textarea', 'radio'];

/** Pointers (relative to a placement) that the settings below show. */
export const PLACEMENT_SETTINGS = ['/widget', '/help', '/placeholder', '/readOnly', '/visibleWhen', '/prefill'];

export interface PlacementControls {
  id: string;
  placement: FormField;
  /** Every field of the form's entity, for the condition. */
  fields: readonly FieldDefinition[];
  /** Pointer of the placement, e.g. `/sections/0/fields/2`. */
  pointer: string;
  errors: readonly EditorError[];
  language: EditorLanguage;
  onPlacement: (placement: FormField) => void;
}

/** How one placed field is shown: widget, help, placeholder, read-only, condition and prefill. */
export function renderPlacementEditor(controls: PlacementControls): TemplateResult {
  const { placement, language, pointer } = controls;
  const set = <K extends keyof FormField>(key: K, value: FormField[K] | undefined) =>
    controls.onPlacement(withProperty(placement, key, value));
  const text = (key: 'help' | 'placeholder', labels: { ja: EditorMessageKey; en: EditorMessageKey }) =>
    renderI18nTextControls({
      id: `${controls.id}-${key}`,
      text: placement[key],
      labelKeys: labels,
      pointer: `${pointer}/${key}`,
      errors: controls.errors,
      language,
      onText: (value) => set(key, value),
    });
  return html`<div class="controls">
      ${renderTextControl({
        id: `${controls.id}-widget`,
        label: editorText(language, 'editor.placement.widget'),
        value: placement.widget ?? '',
        list: `${controls.id}-widgets`,
        errors: errorsAt(controls.errors, `${pointer}/widget`),
        language,
        onValue: (widget) => set('widget', widget === '' ? undefined : widget),
      })}
      <datalist id="${controls.id}-widgets">
        ${BUILT_IN_WIDGETS.map((widget) => html`<option value=${widget}></option>`)}
      </datalist>
      ${renderCheckboxControl({
        id: `${controls.id}-readOnly`,
        label: editorText(language, 'editor.placement.readOnly'),
        checked: placement.readOnly === true,
        errors: errorsAt(controls.errors, `${pointer}/readOnly`),
        language,
        onChecked: (checked) => set('readOnly', checked ? true : undefined),
      })}
    </div>
    <div class="controls">
      ${text('help', { ja: 'editor.placement.helpJa', en: 'editor.placement.helpEn' })}
      ${text('placeholder', { ja: 'editor.placement.placeholderJa', en: 'editor.placement.placeholderEn' })}
    </div>
    ${renderConditionEditor({
      id: `${controls.id}-condition`,
      condition: placement.visibleWhen,
      fields: controls.fields.filter(
        (field) => field.name !== placement.field && field.type !== 'collection' && field.type !== 'json',
      ),
      pointer: `${pointer}/visibleWhen`,
      errors: controls.errors,
      language,
      onCondition: (condition) => set('visibleWhen', condition),
    })}
    ${renderPrefillEditor({
      id: `${controls.id}-prefill`,
      prefill: placement.prefill,
      pointer: `${pointer}/prefill`,
      errors: controls.errors,
      language,
      onPrefill: (prefill) => set('prefill', prefill),
    })}`;
}
