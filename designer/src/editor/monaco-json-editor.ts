/**
 * The monaco chunk: loaded by a dynamic import when the JSON view first opens, never up
 * front. It registers the metadata language's JSON Schemas (one per kind, `$ref`s between
 * files resolve through their `$id`s) so that completion, hovers and errors follow them,
 * and runs monaco's workers from same-origin files (no blob or eval needed).
 */
import agent from '@kiban/metadata/schema/agent.json' with { type: 'json' };
import common from '@kiban/metadata/schema/common.json' with { type: 'json' };
import entity from '@kiban/metadata/schema/entity.json' with { type: 'json' };
import form from '@kiban/metadata/schema/form.json' with { type: 'json' };
import page from '@kiban/metadata/schema/page.json' with { type: 'json' };
import role from '@kiban/metadata/schema/role.json' with { type: 'json' };
import rule from '@kiban/metadata/schema/rule.json' with { type: 'json' };
import view from '@kiban/metadata/schema/view.json' with { type: 'json' };
import workflow from '@kiban/metadata/schema/workflow.json' with { type: 'json' };
import * as monaco from 'monaco-editor/editor/editor.api.js';
import { jsonDefaults } from 'monaco-editor/languages/features/json/register.js';
import 'monaco-editor/editor/contrib/suggest/browser/suggestController.js';
import 'monaco-editor/editor/contrib/hover/browser/hoverContribution.js';
import 'monaco-editor/editor/contrib/find/browser/findController.js';
import 'monaco-editor/editor/contrib/folding/browser/folding.js';
import 'monaco-editor/editor/contrib/bracketMatching/browser/bracketMatching.js';
import 'monaco-editor/editor/contrib/gotoError/browser/gotoError.js';
// The JSON language's worker manager, loaded once the first editor runs, brings in every
// editor contribution; these two need services that must be registered before monaco
// creates its services (at the first editor), or each later editor throws "depends on
// UNKNOWN service".
import 'monaco-editor/editor/contrib/codelens/browser/codeLensCache.js';
import 'monaco-editor/editor/common/services/treeViewsDndService.js';
import type { CreateJsonEditor } from './json-editor-handle.ts';

const KIND_SCHEMAS = { agent, entity, form, page, role, rule, view, workflow };

/** Where the built worker files are, beside this chunk's parent folder (`/designer/assets/workers/`). */
const workerUrl = (name: string) => new URL(`../workers/${name}.worker.js`, import.meta.url).href;

(self as unknown as { MonacoEnvironment: unknown }).MonacoEnvironment = {
  getWorkerUrl: (_moduleId: string, label: string) => workerUrl(label === 'json' ? 'json' : 'editor'),
};

jsonDefaults.setDiagnosticsOptions({
  validate: true,
  enableSchemaRequest: false,
  schemas: [
    { uri: common.$id, schema: common },
    ...Object.entries(KIND_SCHEMAS).map(([kind, schema]) => ({
      uri: schema.$id,
      fileMatch: [`kiban://metadata/${kind}/*`],
      schema,
    })),
  ],
});

let models = 0;

/**
 * Monaco's CSS, bundled beside the chunks: linked into the shadow root the editor lives in,
 * and into the document for what monaco puts at the body (its screen-reader live region).
 */
function linkStylesheet(container: HTMLElement): void {
  const root = container.getRootNode();
  for (const parent of new Set([root instanceof ShadowRoot ? root : document.head, document.head])) {
    if (parent.querySelector('link[data-monaco]')) continue;
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = new URL('../monaco.css', import.meta.url).href;
    link.dataset.monaco = '';
    parent.append(link);
  }
}

export const createJsonEditor: CreateJsonEditor = (container, options) => {
  linkStylesheet(container);
  const kind = options.kind;
  const uri = monaco.Uri.parse(`kiban://metadata/${kind}/${++models}.json`);
  const model = monaco.editor.createModel(options.text, 'json', uri);
  const editor = monaco.editor.create(container, {
    model,
    ariaLabel: options.ariaLabel,
    automaticLayout: true,
    minimap: { enabled: false },
    fontSize: 16,
    tabSize: 2,
    accessibilitySupport: 'auto',
    scrollBeyondLastLine: false,
  });
  let applying = false;
  const subscription = model.onDidChangeContent(() => {
    if (!applying) options.onChange(model.getValue());
  });
  return {
    getText: () => model.getValue(),
    setText(text) {
      if (text === model.getValue()) return;
      applying = true;
      model.pushEditOperations([], [{ range: model.getFullModelRange(), text }], () => null);
      applying = false;
    },
    setMarkers(markers) {
      monaco.editor.setModelMarkers(
        model,
        'kiban',
        markers.map((marker) => {
          const start = model.getPositionAt(marker.start);
          const end = model.getPositionAt(marker.end);
          return {
            severity: monaco.MarkerSeverity.Error,
            message: marker.message,
            startLineNumber: start.lineNumber,
            startColumn: start.column,
            endLineNumber: end.lineNumber,
            endColumn: end.column,
          };
        }),
      );
    },
    dispose() {
      subscription.dispose();
      editor.dispose();
      model.dispose();
    },
  };
};
