import { css } from 'lit';

/**
 * The look of the editors: the same colours, focus ring and 16px body text as the portals'
 * components (contrast and target sizes of WCAG 2.1 AA), laid out denser for staff screens.
 */
export const editorStyles = css`
  :host {
    display: block;
    font-family: 'Noto Sans JP', 'Hiragino Sans', 'Yu Gothic', sans-serif;
    font-size: 1rem;
    line-height: 1.6;
    color: #1a1a1c;
    background: #ffffff;
    --editor-accent: #0031d8;
    --editor-error: #ce0000;
    --editor-warning: #7a4b00;
    --editor-border: #767676;
  }
  *:focus-visible {
    outline: 4px solid var(--editor-accent);
    outline-offset: 2px;
    box-shadow: 0 0 0 8px #ffd43d;
  }
  h2,
  h3,
  h4 {
    line-height: 1.4;
    margin: 1rem 0 0.5rem;
  }
  h2 {
    font-size: 1.5rem;
  }
  h3 {
    font-size: 1.25rem;
  }
  h4 {
    font-size: 1.125rem;
  }
  button {
    font: inherit;
    min-height: 2.75rem;
    padding: 0.25rem 1rem;
    border-radius: 0.5rem;
    border: 2px solid var(--editor-accent);
    background: #ffffff;
    color: var(--editor-accent);
    cursor: pointer;
  }
  button.danger {
    border-color: var(--editor-error);
    color: var(--editor-error);
  }
  button:disabled {
    border-color: #949494;
    color: #595959;
    background: #f2f2f2;
    cursor: not-allowed;
  }
  input,
  select {
    font: inherit;
    color: inherit;
    min-height: 2.75rem;
    box-sizing: border-box;
    padding: 0.25rem 0.5rem;
    border: 1px solid var(--editor-border);
    border-radius: 0.5rem;
    background: #ffffff;
  }
  input[type='checkbox'],
  input[type='radio'] {
    min-height: auto;
    width: 1.5rem;
    height: 1.5rem;
    margin: 0 0.5rem 0 0;
    accent-color: var(--editor-accent);
  }
  [aria-invalid='true'] {
    border: 2px solid var(--editor-error);
  }
  .control {
    display: flex;
    flex-direction: column;
    gap: 0.25rem;
    margin: 0.5rem 0;
  }
  .control.checkbox {
    flex-direction: row;
    flex-wrap: wrap;
    align-items: center;
    /* Level with the boxes of labelled inputs beside it, whose labels sit above them. */
    align-self: flex-end;
    min-height: 2.75rem;
  }
  .control.checkbox .errors,
  .control.checkbox .note {
    flex-basis: 100%;
  }
  .controls {
    display: flex;
    flex-wrap: wrap;
    gap: 0 1rem;
    align-items: flex-start;
  }
  .errors {
    margin: 0;
    padding-inline-start: 1.25rem;
    color: var(--editor-error);
    font-weight: bold;
  }
  .note {
    margin: 0;
    color: var(--editor-warning);
  }
  .card {
    border: 1px solid var(--editor-border);
    border-radius: 0.5rem;
    padding: 0.5rem 1rem;
    margin: 0.75rem 0;
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
  }
  ul.plain,
  ol.plain {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
