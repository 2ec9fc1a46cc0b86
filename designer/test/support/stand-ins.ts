import type { CreateJsonEditor, JsonEditorLoader, JsonMarker } from '../../src/editor/json-editor-handle.ts';
import type { MetadataItem } from '../../src/model/types.ts';

/**
 * Stand-ins for what these tests do not exercise: a textarea in place of monaco (the real
 * chunk is built and checked by `scripts/build.ts` and the page test), and minimal visual
 * editors that show the item's label and emit `item-change` — the real ones have their own
 * specs in `src/editors/`.
 */
export const loaderCalls: string[] = [];
export const lastMarkers: JsonMarker[][] = [];

const createTextareaEditor: CreateJsonEditor = (container, options) => {
  const textarea = document.createElement('textarea');
  textarea.className = 'json-text';
  textarea.setAttribute('aria-label', options.ariaLabel);
  textarea.value = options.text;
  textarea.addEventListener('input', () => options.onChange(textarea.value));
  container.append(textarea);
  return {
    getText: () => textarea.value,
    setText: (text) => {
      textarea.value = text;
    },
    setMarkers: (markers) => {
      lastMarkers.push(markers);
    },
    dispose: () => textarea.remove(),
  };
};

export const textareaEditorLoader: JsonEditorLoader = async () => {
  loaderCalls.push('json-editor');
  return { createJsonEditor: createTextareaEditor };
};

class StandInEditor extends HTMLElement {
  #item: MetadataItem | undefined;
  errors: unknown[] = [];
  language = 'ja';
  entities: MetadataItem[] = [];

  get item(): MetadataItem | undefined {
    return this.#item;
  }

  set item(value: MetadataItem | undefined) {
    this.#item = value;
    this.sync();
  }

  connectedCallback(): void {
    if (this.shadowRoot) return;
    const root = this.attachShadow({ mode: 'open' });
    const label = document.createElement('label');
    label.textContent = 'ラベル';
    const input = document.createElement('input');
    input.className = 'label-ja';
    input.addEventListener('input', () => {
      const item = { ...this.item, label: { ...(this.item?.label as object), ja: input.value } } as MetadataItem;
      this.#item = item;
      this.dispatchEvent(new CustomEvent('item-change', { detail: { item }, bubbles: true, composed: true }));
    });
    label.append(input);
    root.append(label);
    this.sync();
  }

  sync(): void {
    const input = this.shadowRoot?.querySelector('input');
    if (input) input.value = (this.item?.label as { ja?: string } | undefined)?.ja ?? '';
  }
}

export function defineStandInEditors(): void {
  for (const tag of ['kiban-entity-editor', 'kiban-form-builder']) {
    if (!customElements.get(tag)) customElements.define(tag, class extends StandInEditor {});
  }
}
