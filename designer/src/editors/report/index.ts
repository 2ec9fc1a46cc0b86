import { defineReportElements } from '@kiban/runtime-ui/report';
import { KibanReportEditor } from './kiban-report-editor.ts';

export { KibanReportEditor, type ReportItem, type ReportPreviewFunction } from './kiban-report-editor.ts';

/** Registers `<kiban-report-editor>` and the runtime-ui report it previews with; safe to call more than once. */
export function defineReportEditor(): void {
  defineReportElements();
  if (!customElements.get('kiban-report-editor')) customElements.define('kiban-report-editor', KibanReportEditor);
}

declare global {
  interface HTMLElementTagNameMap {
    'kiban-report-editor': KibanReportEditor;
  }
}
