/**
 * The designer's metadata editors: `<kiban-entity-editor>`, `<kiban-form-builder>` (with its
 * live `<kiban-form-preview>`), the JSON-pointer error lookup they share and their texts.
 * Importing this module defines nothing; call `defineEditorElements()` to register the tags.
 */
export { KibanAgentEditor } from './agent/index.ts';
export { defineEditorElements } from './define.ts';
export { KibanEntityEditor } from './entity/kiban-entity-editor.ts';
export { type EditorError, type EditorLanguage, errorsAt, pointerOf, unclaimedErrors } from './errors.ts';
export { KibanFormBuilder } from './form/kiban-form-builder.ts';
export { KibanFormPreview, PREVIEW_WIDTHS, type PreviewWidth } from './form/kiban-form-preview.ts';
export { type EditorMessageKey, type EditorMessages, editorMessages, editorText } from './i18n/index.ts';
export { KibanPageEditor } from './page/index.ts';
export { KibanRuleEditor } from './rule/index.ts';
export type { ItemChangeDetail } from './shared/item-change.ts';
export { KibanWorkflowEditor } from './workflow/index.ts';
