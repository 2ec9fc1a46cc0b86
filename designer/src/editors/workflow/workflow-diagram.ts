import { nothing, svg, type TemplateResult } from 'lit';
import { type EditorError, type EditorLanguage, isWithin, pointerOf } from '../errors.ts';
import { BOX, type DiagramLayout, type StateBox } from './diagram-layout.ts';
import { choosesOnKey, isSelected, type Selection } from './selection.ts';
import { localizedString, workflowText } from './workflow-messages.ts';
import type { WorkflowMetadata, WorkflowState, WorkflowTransition } from './workflow-types.ts';

export interface DiagramContext {
  workflow: WorkflowMetadata;
  layout: DiagramLayout;
  selection: Selection | undefined;
  errors: readonly EditorError[];
  language: EditorLanguage;
  onSelect: (selection: Selection) => void;
}

/** How many errors lie inside the state or transition at `pointer`, for marking it in the diagram. */
export function problemCount(errors: readonly EditorError[], pointer: string): number {
  return errors.filter((error) => isWithin(error.pointer, pointer)).length;
}

function stateMarks(workflow: WorkflowMetadata, state: WorkflowState, language: EditorLanguage): string[] {
  return [
    state.name === workflow.initial ? workflowText(language, 'editor.workflow.diagram.initial') : '',
    state.final ? workflowText(language, 'editor.workflow.diagram.final') : '',
  ].filter(Boolean);
}

/** What the list of states calls a state: its label, and whether it is initial or final. */
export function stateName(workflow: WorkflowMetadata, state: WorkflowState, language: EditorLanguage): string {
  const marks = stateMarks(workflow, state, language);
  const name = workflowText(language, 'editor.workflow.diagram.state', {
    label: localizedString(state.label, language),
  });
  return marks.length > 0 ? `${name}（${marks.join('、')}）` : name;
}

/**
 * What the diagram calls a state box: it starts with the text the box shows (label and
 * name), so that someone who says what they see to voice control can choose it (WCAG 2.5.3).
 */
function stateBoxName(workflow: WorkflowMetadata, state: WorkflowState, language: EditorLanguage): string {
  const details = [
    workflowText(language, 'editor.workflow.diagram.stateKind'),
    ...stateMarks(workflow, state, language),
  ];
  return `${localizedString(state.label, language)} ${state.name}（${details.join('、')}）`;
}

export function transitionName(
  workflow: WorkflowMetadata,
  transition: WorkflowTransition,
  language: EditorLanguage,
): string {
  const labelOf = (name: string) =>
    localizedString(workflow.states.find((state) => state.name === name)?.label, language) || name;
  return workflowText(language, 'editor.workflow.diagram.transition', {
    label: localizedString(transition.label, language),
    from: transition.from.map(labelOf).join('、'),
    to: labelOf(transition.to),
  });
}

function withProblems(name: string, count: number, language: EditorLanguage): string {
  return count > 0 ? `${name}（${workflowText(language, 'editor.workflow.diagram.problems', { count })}）` : name;
}

function selectHandlers(context: DiagramContext, selection: Selection) {
  return {
    click: () => context.onSelect(selection),
    keydown: (event: KeyboardEvent) => {
      if (!choosesOnKey(event)) return;
      event.preventDefault();
      context.onSelect(selection);
    },
  };
}

/**
 * The workflow as an SVG diagram. Every state and transition is a focusable button with a
 * name that says what it is (initial, final, from → to, problems), so the diagram works with
 * a keyboard and a screen reader, not only with a mouse.
 */
export function renderDiagram(context: DiagramContext): TemplateResult {
  const { layout, language } = context;
  return svg`<svg class="diagram" role="group" aria-label=${workflowText(language, 'editor.workflow.diagram')}
    width=${layout.width} height=${layout.height} viewBox="0 0 ${layout.width} ${layout.height}">
    <defs>
      <marker id="arrow-head" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="12" markerHeight="12" orient="auto">
        <path d="M 0 0 L 10 5 L 0 10 z" fill="#414141"></path>
      </marker>
      <marker id="arrow-head-selected" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="12" markerHeight="12" orient="auto">
        <path d="M 0 0 L 10 5 L 0 10 z" fill="#0031d8"></path>
      </marker>
    </defs>
    ${context.workflow.states.map((state, index) => renderState(context, state, index))}
    ${context.workflow.transitions.map((transition, index) => renderTransition(context, transition, index))}
  </svg>`;
}

function renderState(context: DiagramContext, state: WorkflowState, index: number) {
  const box = context.layout.boxes.get(state.name) as StateBox;
  if (box === undefined) return nothing;
  const { language, workflow } = context;
  const selected = isSelected(context.selection, 'state', index);
  const problems = problemCount(context.errors, pointerOf('states', index));
  const on = selectHandlers(context, { kind: 'state', index });
  const middle = box.x + BOX.width / 2;
  return svg`<g class="node state ${selected ? 'selected' : ''} ${problems > 0 ? 'invalid' : ''}"
    data-state=${state.name} role="button" tabindex="0" aria-pressed=${selected ? 'true' : 'false'}
    aria-label=${withProblems(stateBoxName(workflow, state, language), problems, language)}
    @click=${on.click} @keydown=${on.keydown}>
    ${
      state.name === workflow.initial
        ? svg`<circle class="initial-mark" cx=${box.x - 36} cy=${box.y + BOX.height / 2} r="8"></circle>
          <line class="edge-line" x1=${box.x - 28} y1=${box.y + BOX.height / 2} x2=${box.x} y2=${box.y + BOX.height / 2}
            marker-end="url(#arrow-head)"></line>`
        : nothing
    }
    <rect class="focus-ring" x=${box.x - 6} y=${box.y - 6} width=${BOX.width + 12} height=${BOX.height + 12} rx="14"></rect>
    <rect class="box" x=${box.x} y=${box.y} width=${BOX.width} height=${BOX.height} rx="10"></rect>
    ${
      state.final
        ? svg`<rect class="final-mark" x=${box.x + 4} y=${box.y + 4} width=${BOX.width - 8} height=${BOX.height - 8} rx="7"></rect>`
        : nothing
    }
    <text class="state-label" x=${middle} y=${box.y + 26} text-anchor="middle">${localizedString(state.label, language)}</text>
    <text class="state-name" x=${middle} y=${box.y + 46} text-anchor="middle">${state.name}</text>
  </g>`;
}

function renderTransition(context: DiagramContext, transition: WorkflowTransition, index: number) {
  const arrows = context.layout.arrows.filter((arrow) => arrow.transition === index);
  if (arrows.length === 0) return nothing;
  const { language, workflow } = context;
  const selected = isSelected(context.selection, 'transition', index);
  const problems = problemCount(context.errors, pointerOf('transitions', index));
  const on = selectHandlers(context, { kind: 'transition', index });
  const label = localizedString(transition.label, language);
  return svg`<g class="edge ${selected ? 'selected' : ''} ${problems > 0 ? 'invalid' : ''}"
    data-transition=${transition.name} role="button" tabindex="0" aria-pressed=${selected ? 'true' : 'false'}
    aria-label=${withProblems(transitionName(workflow, transition, language), problems, language)}
    @click=${on.click} @keydown=${on.keydown}>
    ${arrows.map(
      (arrow) => svg`<path class="edge-hit" d=${arrow.path}></path>
        <path class="edge-line" d=${arrow.path} marker-end=${selected ? 'url(#arrow-head-selected)' : 'url(#arrow-head)'}></path>
        <text class="edge-label" x=${arrow.label.x} y=${arrow.label.y} text-anchor="middle" dominant-baseline="middle">${label}</text>`,
    )}
  </g>`;
}
