import { defineEditorElements } from '../../src/editors/define.ts';

// Imported before ./mount.ts, so the real visual editors take their tags and no stand-in does.
defineEditorElements();
