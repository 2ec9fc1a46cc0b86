import { KibanRuleEditor } from './kiban-rule-editor.ts';

export { KibanRuleEditor } from './kiban-rule-editor.ts';
export type { PreviewFunction } from './match-preview.ts';

/** Registers `<kiban-rule-editor>`; safe to call more than once. */
export function defineRuleEditor(): void {
  if (!customElements.get('kiban-rule-editor')) customElements.define('kiban-rule-editor', KibanRuleEditor);
}

declare global {
  interface HTMLElementTagNameMap {
    'kiban-rule-editor': KibanRuleEditor;
  }
}
