import { css } from 'lit';

/**
 * The diagram's look: boxes and arrows in the editors' colours, the selected node in the
 * accent colour, a node with problems in the error colour, and a visible focus ring drawn
 * inside the SVG (an outline does not follow SVG shapes).
 */
export const workflowEditorStyles = css`
  .workspace {
    display: flex;
    flex-wrap: wrap;
    gap: 1rem;
    align-items: flex-start;
  }
  .lists {
    flex: 1 1 20rem;
  }
  .panel {
    flex: 2 1 28rem;
    border: 1px solid var(--editor-border);
    border-radius: 0.5rem;
    padding: 0 1rem 1rem;
  }
  .diagram-frame {
    overflow: auto;
    border: 1px solid var(--editor-border);
    border-radius: 0.5rem;
  }
  svg.diagram {
    display: block;
    overflow: visible;
    font-size: 14px;
  }
  .node,
  .edge {
    cursor: pointer;
    outline: none;
  }
  .node .box {
    fill: #ffffff;
    stroke: #414141;
    stroke-width: 2;
  }
  .node .final-mark {
    fill: none;
    stroke: #414141;
    stroke-width: 2;
  }
  .node.selected .box {
    fill: #e8f1fe;
    stroke: var(--editor-accent);
    stroke-width: 4;
  }
  .node.invalid .box {
    stroke: var(--editor-error);
    stroke-dasharray: 6 3;
  }
  .initial-mark {
    fill: #1a1a1c;
  }
  .state-label {
    font-weight: bold;
    fill: #1a1a1c;
  }
  .state-name {
    font-size: 12px;
    fill: #595959;
  }
  .focus-ring {
    fill: none;
    stroke: #ffd43d;
    stroke-width: 6;
    visibility: hidden;
  }
  .node:focus-visible .focus-ring {
    visibility: visible;
  }
  .edge-line {
    fill: none;
    stroke: #414141;
    stroke-width: 2;
  }
  .edge-hit {
    fill: none;
    stroke: transparent;
    stroke-width: 14;
  }
  .edge.selected .edge-line {
    stroke: var(--editor-accent);
    stroke-width: 4;
  }
  .edge.invalid .edge-line {
    stroke: var(--editor-error);
    stroke-dasharray: 6 3;
  }
  .edge-label {
    fill: #1a1a1c;
    stroke: #ffffff;
    stroke-width: 5px;
    paint-order: stroke;
    font-size: 13px;
  }
  .edge:focus-visible .edge-line {
    stroke: #1a1a1c;
    stroke-width: 5;
  }
  .edge:focus-visible .edge-label {
    stroke: #ffd43d;
  }
  .lists button[aria-pressed='true'] {
    background: var(--editor-accent);
    color: #ffffff;
  }
  .lists li {
    margin: 0.25rem 0;
  }
  fieldset {
    border: 1px solid var(--editor-border);
    border-radius: 0.5rem;
    margin: 0.5rem 0;
  }
  legend {
    font-weight: bold;
  }
`;
