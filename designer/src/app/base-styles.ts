import { css } from 'lit';

/**
 * runtime-ui's shared look (its package exports no styles): 16px body text, near-black on
 * white, large targets, a focus ring of a thick blue outline over a yellow halo.
 */
export const baseStyles = css`
  :host {
    display: block;
    font-family: 'Noto Sans JP', 'Hiragino Sans', 'Yu Gothic', sans-serif;
    font-size: 1rem;
    line-height: 1.75;
    color: #1a1a1c;
    background: #ffffff;
    --kiban-accent: #0031d8;
    --kiban-error: #ce0000;
    --kiban-border: #767676;
  }
  *:focus-visible {
    outline: 4px solid var(--kiban-accent);
    outline-offset: 2px;
    box-shadow: 0 0 0 8px #ffd43d;
  }
  h2,
  h3 {
    line-height: 1.5;
    margin: 1.5rem 0 0.75rem;
  }
  h2 {
    font-size: 1.5rem;
  }
  h3 {
    font-size: 1.25rem;
  }
  button {
    font: inherit;
    min-height: 3rem;
    padding: 0.5rem 1.5rem;
    border-radius: 0.5rem;
    border: 2px solid var(--kiban-accent);
    background: #ffffff;
    color: var(--kiban-accent);
    cursor: pointer;
  }
  button.primary {
    background: var(--kiban-accent);
    color: #ffffff;
  }
  button:disabled {
    border-color: #949494;
    color: #595959;
    background: #f2f2f2;
    cursor: not-allowed;
  }
  input,
  select,
  textarea {
    font: inherit;
    color: inherit;
    min-height: 3rem;
    box-sizing: border-box;
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--kiban-border);
    border-radius: 0.5rem;
    background: #ffffff;
  }
  input[type='checkbox'],
  input[type='radio'] {
    min-height: auto;
    width: 1.5rem;
    height: 1.5rem;
    margin: 0 0.5rem 0 0;
    accent-color: var(--kiban-accent);
  }
  [aria-invalid='true'] {
    border: 2px solid var(--kiban-error);
  }
  .error {
    color: var(--kiban-error);
    font-weight: bold;
  }
  .empty {
    color: #595959;
  }
  .fallback-mark {
    display: inline-block;
    margin-inline-start: 0.25rem;
    padding: 0 0.25rem;
    border: 1px solid #595959;
    border-radius: 0.25rem;
    font-size: 0.875rem;
    font-weight: normal;
    color: #333333;
    background: #f2f2f2;
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
