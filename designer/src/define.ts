import { KibanDesignerApp } from './app/kiban-designer-app.ts';
import { KibanDesignerSignIn } from './app/kiban-designer-sign-in.ts';
import { KibanItemBrowser } from './browser/kiban-item-browser.ts';
import { KibanEditorFrame } from './editor/kiban-editor-frame.ts';
import { KibanJsonEditor } from './editor/kiban-json-editor.ts';
import { KibanHistoryPanel } from './history/kiban-history-panel.ts';
import { KibanPackagesPage } from './packages/kiban-packages-page.ts';
import { KibanPublishPanel } from './publish/kiban-publish-panel.ts';

const ELEMENTS: Record<string, CustomElementConstructor> = {
  'kiban-designer-app': KibanDesignerApp,
  'kiban-designer-sign-in': KibanDesignerSignIn,
  'kiban-item-browser': KibanItemBrowser,
  'kiban-editor-frame': KibanEditorFrame,
  'kiban-json-editor': KibanJsonEditor,
  'kiban-publish-panel': KibanPublishPanel,
  'kiban-history-panel': KibanHistoryPanel,
  'kiban-packages-page': KibanPackagesPage,
};

/** Registers the designer's own elements (the visual editors register theirs). */
export function defineDesignerElements(): void {
  for (const [tag, element] of Object.entries(ELEMENTS)) {
    if (!customElements.get(tag)) customElements.define(tag, element);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiban-designer-app': KibanDesignerApp;
    'kiban-designer-sign-in': KibanDesignerSignIn;
    'kiban-item-browser': KibanItemBrowser;
    'kiban-editor-frame': KibanEditorFrame;
    'kiban-json-editor': KibanJsonEditor;
    'kiban-publish-panel': KibanPublishPanel;
    'kiban-history-panel': KibanHistoryPanel;
    'kiban-packages-page': KibanPackagesPage;
  }
}
