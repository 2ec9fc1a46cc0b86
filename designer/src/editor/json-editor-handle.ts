/** What the JSON view needs from a code editor; monaco provides it, tests use a stand-in. */
export interface JsonMarker {
  start: number;
  end: number;
  message: string;
}

export interface JsonEditorHandle {
  getText(): string;
  /** Replaces the text (an edit made elsewhere); does not report it back through onChange. */
  setText(text: string): void;
  setMarkers(markers: JsonMarker[]): void;
  dispose(): void;
}

export interface JsonEditorOptions {
  /** The item kind, whose JSON Schema the editor validates against. */
  kind: string;
  text: string;
  ariaLabel: string;
  onChange: (text: string) => void;
}

export type CreateJsonEditor = (container: HTMLElement, options: JsonEditorOptions) => JsonEditorHandle;

/** Loads the editor implementation; the default imports the monaco chunk, only when called. */
export type JsonEditorLoader = () => Promise<{ createJsonEditor: CreateJsonEditor }>;

export const loadMonacoEditor: JsonEditorLoader = () => import('./monaco-json-editor.ts');
