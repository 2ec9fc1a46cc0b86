import { defineKibanElements } from '@kiban/runtime-ui';
import { defineAgentEditor } from './agent/index.ts';
import { KibanEntityEditor } from './entity/kiban-entity-editor.ts';
import { KibanFormBuilder } from './form/kiban-form-builder.ts';
import { KibanFormPreview } from './form/kiban-form-preview.ts';
import { definePageEditor } from './page/index.ts';
import { defineReportEditor } from './report/index.ts';
import { defineRuleEditor } from './rule/index.ts';
import { defineWorkflowEditor } from './workflow/index.ts';

/**
 * Registers the editors' tags, and the runtime-ui components the form preview renders.
 * Safe to call more than once.
 */
export function defineEditorElements(): void {
  defineKibanElements();
  for (const [tag, element] of [
    ['kiban-entity-editor', KibanEntityEditor],
    ['kiban-form-builder', KibanFormBuilder],
    ['kiban-form-preview', KibanFormPreview],
  ] as const) {
    if (!customElements.get(tag)) customElements.define(tag, element);
  }
  defineAgentEditor();
  definePageEditor();
  defineRuleEditor();
  defineReportEditor();
  defineWorkflowEditor();
}

declare global {
  interface HTMLElementTagNameMap {
    'kiban-entity-editor': KibanEntityEditor;
    'kiban-form-builder': KibanFormBuilder;
    'kiban-form-preview': KibanFormPreview;
  }
}
