import { type EntityMetadata, type FormMetadata, LANGUAGE_NAMES, LANGUAGES, type Language } from '@kiban/runtime-ui';
import { css, html, LitElement, nothing } from 'lit';
import type { EditorLanguage } from '../errors.ts';
import { editorText } from '../i18n/index.ts';
import { renderSelectControl } from '../shared/controls.ts';
import { editorStyles } from '../shared/editor-styles.ts';

/** The screen widths the preview offers: a desktop browser and a small phone. */
export const PREVIEW_WIDTHS = { desktop: 1024, phone: 375 } as const;
export type PreviewWidth = keyof typeof PREVIEW_WIDTHS;

/**
 * `<kiban-form-preview>` shows the form being edited through the renderer residents get,
 * `<kiban-form>` of runtime-ui, so what staff see is what residents will see: in any of the
 * portal's languages and at a desktop or a phone width.
 */
export class KibanFormPreview extends LitElement {
  static override properties = {
    entity: { attribute: false },
    form: { attribute: false },
    language: {},
    previewLanguage: { attribute: 'preview-language' },
    width: {},
  };

  static override styles = [
    editorStyles,
    css`
      .viewport {
        overflow: auto;
        max-width: 100%;
        border: 1px solid var(--editor-border);
        background: #f2f2f2;
        padding: 0.5rem;
      }
      .frame {
        box-sizing: border-box;
        background: #ffffff;
      }
      .frame.desktop {
        width: ${PREVIEW_WIDTHS.desktop}px;
      }
      .frame.phone {
        width: ${PREVIEW_WIDTHS.phone}px;
      }
      fieldset {
        border: none;
        padding: 0;
        margin: 0.5rem 0;
      }
    `,
  ];

  declare entity: EntityMetadata | undefined;
  declare form: FormMetadata | undefined;
  /** The designer's language, for the preview's own controls. */
  declare language: EditorLanguage;
  /** The language residents would read the form in. */
  declare previewLanguage: Language;
  declare width: PreviewWidth;

  constructor() {
    super();
    this.language = 'ja';
    this.previewLanguage = 'ja';
    this.width = 'desktop';
  }

  override render() {
    const language = this.language;
    const pixels = PREVIEW_WIDTHS[this.width];
    return html`<section aria-labelledby="preview-heading">
      <h3 id="preview-heading">${editorText(language, 'editor.preview.heading')}</h3>
      <div class="toolbar">
        ${renderSelectControl({
          id: 'preview-language',
          label: editorText(language, 'editor.preview.language'),
          value: this.previewLanguage,
          options: LANGUAGES.map((value) => ({ value, label: LANGUAGE_NAMES[value] })),
          errors: [],
          language,
          onValue: (value) => {
            this.previewLanguage = value as Language;
          },
        })}
        <fieldset>
          <legend>${editorText(language, 'editor.preview.width')}</legend>
          ${(Object.keys(PREVIEW_WIDTHS) as PreviewWidth[]).map(
            (width) => html`<label>
              <input
                type="radio"
                name="preview-width"
                value=${width}
                .checked=${this.width === width}
                @change=${() => {
                  this.width = width;
                }}
              />
              ${editorText(language, `editor.preview.${width}`)}
            </label>`,
          )}
        </fieldset>
      </div>
      <div
        class="viewport"
        role="region"
        tabindex="0"
        aria-label=${editorText(language, 'editor.preview.frame', { width: pixels })}
      >
        <div class="frame ${this.width}">
          ${
            this.entity && this.form
              ? html`<kiban-form
                .entity=${this.entity}
                .form=${this.form}
                language=${this.previewLanguage}
                no-drafts
              ></kiban-form>`
              : nothing
          }
        </div>
      </div>
    </section>`;
  }
}
