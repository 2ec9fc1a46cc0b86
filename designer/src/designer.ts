/**
 * The designer bundle (`dist/designer.js`): registers the designer's elements and the visual
 * editors. Monaco is not imported here: the JSON view loads it as a chunk of its own.
 */
import { defineDesignerElements } from './define.ts';
import { defineEditorElements } from './editors/define.ts';

defineEditorElements();
defineDesignerElements();
