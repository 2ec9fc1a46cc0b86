import { css } from 'lit';

/** What the shared editor styles do not cover: text areas, the role and menu groups, the preview. */
export const pageEditorStyles = css`
  textarea {
    font: inherit;
    color: inherit;
    box-sizing: border-box;
    width: 100%;
    padding: 0.25rem 0.5rem;
    border: 1px solid var(--editor-border);
    border-radius: 0.5rem;
  }
  textarea.code {
    font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
  }
  fieldset {
    border: 1px solid var(--editor-border);
    border-radius: 0.5rem;
    margin: 0.75rem 0;
  }
  .hint {
    margin: 0;
  }
  .preview {
    border: 2px dashed var(--editor-border);
    border-radius: 0.5rem;
    padding: 0 1rem 0.5rem;
    margin-top: 1rem;
  }
  .preview-title {
    font-size: 1.25rem;
    font-weight: bold;
    margin: 0;
  }
`;
