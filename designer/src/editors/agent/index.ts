import { KibanAgentEditor } from './kiban-agent-editor.ts';

export { type AgentItem, KibanAgentEditor } from './kiban-agent-editor.ts';

/** Registers `<kiban-agent-editor>`; safe to call more than once. */
export function defineAgentEditor(): void {
  if (!customElements.get('kiban-agent-editor')) customElements.define('kiban-agent-editor', KibanAgentEditor);
}

declare global {
  interface HTMLElementTagNameMap {
    'kiban-agent-editor': KibanAgentEditor;
  }
}
