import { css } from 'lit';

/** Shared look: readable sizes, visible focus, strong contrast. */
export const pageStyles = css`
  :host { display: block; font-size: 1rem; color: #1a1a1a; max-width: 40rem; }
  h2, h3 { margin: 1rem 0 0.5rem; }
  label { display: block; margin-top: 0.75rem; font-weight: 600; }
  select, input, textarea, button { font: inherit; margin-top: 0.25rem; }
  textarea { width: 100%; min-height: 5rem; }
  button { padding: 0.5rem 1rem; border: 2px solid #0b5394; background: #0b5394; color: #fff; border-radius: 6px; }
  button.secondary { background: #fff; color: #0b5394; }
  button:focus-visible, select:focus-visible, input:focus-visible, textarea:focus-visible { outline: 3px solid #f1a208; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; }
  dt { font-weight: 600; }
  dd { margin: 0; }
  canvas { display: block; margin: 1rem 0; max-width: 100%; height: auto; }
  .ok { color: #0a6b2d; font-weight: 700; }
  .ng { color: #a4161a; font-weight: 700; }
  .warn { color: #7a4b00; }
  video { max-width: 100%; }
  table { border-collapse: collapse; }
  th, td { border: 1px solid #767676; padding: 0.25rem 0.5rem; text-align: left; }
`;
