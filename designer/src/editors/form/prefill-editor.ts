import type { FormField } from '@kiban/runtime-ui';
import { html, nothing, type TemplateResult } from 'lit';
import { type EditorError, type EditorLanguage, errorsAt, unclaimedErrors } from '../errors.ts';
import { editorText } from '../i18n/index.ts';
import { renderCheckboxControl, renderErrors, renderTextControl } from '../shared/controls.ts';
import { withProperty } from '../shared/immutable.ts';

type Prefill = NonNullable<FormField['prefill']>;

export interface PrefillControls {
  id: string;
  prefill: Prefill | undefined;
  /** Pointer of the prefill, e.g. `/sections/0/fields/2/prefill`. */
  pointer: string;
  errors: readonly EditorError[];
  language: EditorLanguage;
  onPrefill: (prefill: Prefill | undefined) => void;
}

/**
 * Where the field's first value comes from. The profile is the only source the language
 * has, so it is stated rather than chosen; consent is asked per field because only some
 * profile entries are personal enough to need it.
 */
export function renderPrefillEditor(controls: PrefillControls): TemplateResult {
  const { prefill, language, pointer } = controls;
  return html`<fieldset class="prefill">
    <legend>${editorText(language, 'editor.prefill.heading')}</legend>
    ${renderCheckboxControl({
      id: `${controls.id}-enabled`,
      label: editorText(language, 'editor.prefill.enabled'),
      checked: prefill !== undefined,
      errors: [],
      language,
      onChecked: (checked) => controls.onPrefill(checked ? { source: 'profile', path: '' } : undefined),
    })}
    ${renderErrors(
      `${controls.id}-errors`,
      unclaimedErrors(controls.errors, pointer, ['/path', '/requiresConsent']),
      language,
    )}
    ${
      prefill
        ? html`<p>${editorText(language, 'editor.prefill.source')}</p>
          <div class="controls">
            ${renderTextControl({
              id: `${controls.id}-path`,
              label: editorText(language, 'editor.prefill.path'),
              value: prefill.path,
              errors: errorsAt(controls.errors, `${pointer}/path`),
              language,
              onValue: (path) => controls.onPrefill({ ...prefill, path }),
            })}
            ${renderCheckboxControl({
              id: `${controls.id}-consent`,
              label: editorText(language, 'editor.prefill.requiresConsent'),
              checked: prefill.requiresConsent === true,
              errors: errorsAt(controls.errors, `${pointer}/requiresConsent`),
              language,
              onChecked: (checked) =>
                controls.onPrefill(withProperty(prefill, 'requiresConsent', checked ? true : undefined)),
            })}
          </div>`
        : nothing
    }
  </fieldset>`;
}
