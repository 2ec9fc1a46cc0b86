import { DEFAULT_LANGUAGE, type Language } from '@kiban/runtime-ui';
import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { designerStyles } from '../app/designer-styles.ts';
import { say, serverText } from '../i18n/index.ts';
import { jsonLocations, locatePointer } from '../model/json-locations.ts';
import type { ItemError, MetadataItem } from '../model/types.ts';
import { type JsonEditorHandle, type JsonEditorLoader, loadMonacoEditor } from './json-editor-handle.ts';

const textOf = (item: MetadataItem) => `${JSON.stringify(item, null, 2)}\n`;

/**
 * `<kiban-json-editor>`: the item as JSON text in monaco, checked against its kind's JSON
 * Schema. Monaco is imported when this element first connects (the JSON tab opening).
 * A well-formed edit emits `item-change` (`{ item }`); `value` set from outside replaces
 * the text unless it is the item the text already says. Server `errors` become markers.
 */
export class KibanJsonEditor extends LitElement {
  /** Replaced in tests; the default loads the monaco chunk. */
  static loader: JsonEditorLoader = loadMonacoEditor;

  static override properties = {
    value: { attribute: false },
    errors: { attribute: false },
    language: {},
    state: { state: true },
    malformed: { state: true },
  };

  static override styles = [
    designerStyles,
    css`
      .host {
        height: 32rem;
        border: 1px solid var(--kiban-border);
      }
    `,
  ];

  declare value: MetadataItem;
  declare errors: ItemError[];
  declare language: Language;
  declare state: 'loading' | 'ready' | 'failed';
  declare malformed: boolean;
  private handle: JsonEditorHandle | undefined;
  /** The JSON of the item the text last parsed to, to tell our own edits from outside ones. */
  private lastParsed = '';

  constructor() {
    super();
    this.errors = [];
    this.language = DEFAULT_LANGUAGE;
    this.state = 'loading';
    this.malformed = false;
  }

  override async firstUpdated(): Promise<void> {
    try {
      const { createJsonEditor } = await KibanJsonEditor.loader();
      const container = this.renderRoot.querySelector<HTMLElement>('.host');
      if (!container || !this.isConnected) return;
      this.lastParsed = JSON.stringify(this.value);
      this.handle = createJsonEditor(container, {
        kind: this.value.kind,
        text: textOf(this.value),
        ariaLabel: say(this.language, 'editor.jsonLabel', { name: this.value.name }),
        onChange: (text) => this.onText(text),
      });
      this.state = 'ready';
      this.showMarkers();
    } catch {
      this.state = 'failed';
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.handle?.dispose();
    this.handle = undefined;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (!this.handle) return;
    if (changed.has('value') && JSON.stringify(this.value) !== this.lastParsed) {
      this.lastParsed = JSON.stringify(this.value);
      this.handle.setText(textOf(this.value));
      this.malformed = false;
    }
    if (changed.has('value') || changed.has('errors')) this.showMarkers();
  }

  private onText(text: string): void {
    let item: MetadataItem;
    try {
      item = JSON.parse(text) as MetadataItem;
    } catch {
      this.malformed = true;
      return;
    }
    this.malformed = false;
    this.lastParsed = JSON.stringify(item);
    this.dispatchEvent(new CustomEvent('item-change', { detail: { item }, bubbles: true, composed: true }));
  }

  /** Each server error on the text of the value its pointer names (or its nearest parent). */
  private showMarkers(): void {
    if (!this.handle) return;
    let spans: ReturnType<typeof jsonLocations>;
    try {
      spans = jsonLocations(this.handle.getText());
    } catch {
      return;
    }
    this.handle.setMarkers(
      this.errors.flatMap((error) => {
        const span = locatePointer(spans, error.pointer);
        return span ? [{ ...span, message: serverText(error.message, this.language) }] : [];
      }),
    );
  }

  override render() {
    const language = this.language;
    return html`${this.state === 'loading' ? html`<p role="status">${say(language, 'editor.jsonLoading')}</p>` : nothing}
      ${this.state === 'failed' ? html`<p class="notice alert" role="alert">${say(language, 'editor.jsonLoadFailed')}</p>` : nothing}
      ${this.malformed ? html`<p class="notice alert" role="status">${say(language, 'editor.jsonInvalid')}</p>` : nothing}
      <div class="host"></div>`;
  }
}
