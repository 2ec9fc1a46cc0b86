import { KibanPageEditor } from './kiban-page-editor.ts';

export { KibanPageEditor } from './kiban-page-editor.ts';

/** Registers `<kiban-page-editor>`; safe to call more than once. */
export function definePageEditor(): void {
  if (!customElements.get('kiban-page-editor')) customElements.define('kiban-page-editor', KibanPageEditor);
}

declare global {
  interface HTMLElementTagNameMap {
    'kiban-page-editor': KibanPageEditor;
  }
}
