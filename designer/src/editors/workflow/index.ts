import { KibanWorkflowEditor } from './kiban-workflow-editor.ts';

export { KibanWorkflowEditor } from './kiban-workflow-editor.ts';

/** Registers `<kiban-workflow-editor>`; safe to call more than once. */
export function defineWorkflowEditor(): void {
  if (!customElements.get('kiban-workflow-editor')) customElements.define('kiban-workflow-editor', KibanWorkflowEditor);
}

declare global {
  interface HTMLElementTagNameMap {
    'kiban-workflow-editor': KibanWorkflowEditor;
  }
}
