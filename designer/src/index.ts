/**
 * @kiban/designer: the staff designer. Importing this module defines nothing; call
 * `defineDesignerElements()` (the `designer.ts` bundle entry does) to register the tags.
 */
export { DesignerApi, DesignerApiError } from './api/designer-api.ts';
export { KibanDesignerApp } from './app/kiban-designer-app.ts';
export { defineDesignerElements } from './define.ts';
export type { CreateJsonEditor, JsonEditorHandle, JsonEditorLoader } from './editor/json-editor-handle.ts';
export { KibanEditorFrame } from './editor/kiban-editor-frame.ts';
export { KibanJsonEditor } from './editor/kiban-json-editor.ts';
export { type DesignerLanguage, type DesignerMessageKey, say } from './i18n/index.ts';
export { type DiffEntry, jsonDiff } from './model/json-diff.ts';
export type * from './model/types.ts';
