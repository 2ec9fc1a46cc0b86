import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { type EditorError, type EditorLanguage, pointerOf, unclaimedErrors } from '../errors.ts';
import { renderErrors } from '../shared/controls.ts';
import { editorStyles } from '../shared/editor-styles.ts';
import { emitItemChange } from '../shared/item-change.ts';
import { type DiagramLayout, layoutDiagram } from './diagram-layout.ts';
import { isSelected, type Selection } from './selection.ts';
import { renderStatePanel } from './state-panel.ts';
import { renderTransitionPanel } from './transition-panel.ts';
import { problemCount, renderDiagram, stateName, transitionName } from './workflow-diagram.ts';
import { workflowEditorStyles } from './workflow-editor-styles.ts';
import { addState, addTransition } from './workflow-edits.ts';
import { HEADER_POINTERS, renderWorkflowHeader } from './workflow-header.ts';
import { localizedString, workflowText } from './workflow-messages.ts';
import type { EntityMetadata, WorkflowMetadata } from './workflow-types.ts';

/**
 * `<kiban-workflow-editor>` edits one workflow: its states and transitions drawn as a
 * diagram, with a side panel for the state or transition chosen in the diagram or in the
 * lists below it (the lists give the same choice to anyone who does not use the drawing).
 * Each edit emits `item-change` with a new item.
 */
export class KibanWorkflowEditor extends LitElement {
  static override properties = {
    item: { attribute: false },
    entities: { attribute: false },
    roles: { attribute: false },
    rules: { attribute: false },
    errors: { attribute: false },
    language: { reflect: true },
    selection: { state: true },
  };

  static override styles = [editorStyles, workflowEditorStyles];

  declare item: WorkflowMetadata | undefined;
  /** Every entity of the app: the workflow's own gives the state field and setFields' fields. */
  declare entities: EntityMetadata[];
  /** Role names, for tasks, timers, notifications and who may make a transition. */
  declare roles: string[];
  /** Rule names, for transition guards. */
  declare rules: string[];
  declare errors: EditorError[];
  declare language: EditorLanguage;
  declare selection: Selection | undefined;

  private layout: DiagramLayout | undefined;

  constructor() {
    super();
    this.entities = [];
    this.roles = [];
    this.rules = [];
    this.errors = [];
    this.language = 'ja';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('item')) return;
    this.layout = this.item ? layoutDiagram(this.item) : undefined;
    const list = this.selection?.kind === 'state' ? this.item?.states : this.item?.transitions;
    // Another workflow, or one with fewer states, may no longer have what was selected.
    if (this.selection && (!list || this.selection.index >= list.length)) this.selection = undefined;
  }

  private change(item: WorkflowMetadata): void {
    this.item = item;
    emitItemChange(this, item);
  }

  private select(selection: Selection | undefined): void {
    this.selection = selection;
  }

  private addState(item: WorkflowMetadata): void {
    const label = { ja: workflowText('ja', 'editor.workflow.newState', { number: item.states.length + 1 }) };
    this.change(addState(item, label));
    this.select({ kind: 'state', index: item.states.length });
  }

  private addTransition(item: WorkflowMetadata): void {
    const label = { ja: workflowText('ja', 'editor.workflow.newTransition', { number: item.transitions.length + 1 }) };
    this.change(addTransition(item, label));
    this.select({ kind: 'transition', index: item.transitions.length });
  }

  override render() {
    const item = this.item;
    const layout = this.layout;
    if (!item || !layout) return nothing;
    const { language } = this;
    const other = unclaimedErrors(this.errors, '', [...HEADER_POINTERS, '/states', '/transitions']);
    return html`<section aria-labelledby="workflow-heading">
      <h2 id="workflow-heading">
        ${workflowText(language, 'editor.workflow.heading')}: ${localizedString(item.label, language)}
      </h2>
      ${
        other.length > 0
          ? html`<div class="card">
              <h3>${workflowText(language, 'editor.workflow.otherErrors')}</h3>
              ${renderErrors('other', other, language)}
            </div>`
          : nothing
      }
      ${renderWorkflowHeader({
        workflow: item,
        entities: this.entities,
        errors: this.errors,
        language,
        onWorkflow: (next) => this.change(next),
      })}
      <div class="diagram-frame">
        ${renderDiagram({
          workflow: item,
          layout,
          selection: this.selection,
          errors: this.errors,
          language,
          onSelect: (selection) => this.select(selection),
        })}
      </div>
      <div class="toolbar">
        <button type="button" class="add-state" @click=${() => this.addState(item)}>
          ${workflowText(language, 'editor.workflow.addState')}
        </button>
        <button type="button" class="add-transition" @click=${() => this.addTransition(item)}>
          ${workflowText(language, 'editor.workflow.addTransition')}
        </button>
      </div>
      <div class="workspace">
        ${this.renderLists(item)}
        <section class="panel" aria-labelledby="panel-heading">${this.renderPanel(item)}</section>
      </div>
    </section>`;
  }

  /** The diagram's states and transitions again as buttons, in the order the workflow lists them. */
  private renderLists(item: WorkflowMetadata) {
    const { language } = this;
    const entry = (kind: Selection['kind'], index: number, name: string, pointer: string) => {
      const count = problemCount(this.errors, pointer);
      const problems = count > 0 ? `（${workflowText(language, 'editor.workflow.diagram.problems', { count })}）` : '';
      return html`<li>
        <button type="button" class="select-${kind}" aria-pressed=${isSelected(this.selection, kind, index) ? 'true' : 'false'}
          @click=${() => this.select({ kind, index })}>${name}${problems}</button>
      </li>`;
    };
    return html`<div class="lists">
      <div>
        <h3 id="states-heading">${workflowText(language, 'editor.workflow.states')}</h3>
        <ul class="plain" aria-labelledby="states-heading">
          ${item.states.map((state, index) =>
            entry('state', index, stateName(item, state, language), pointerOf('states', index)),
          )}
        </ul>
      </div>
      <div>
        <h3 id="transitions-heading">${workflowText(language, 'editor.workflow.transitions')}</h3>
        <ul class="plain" aria-labelledby="transitions-heading">
          ${item.transitions.map((transition, index) =>
            entry('transition', index, transitionName(item, transition, language), pointerOf('transitions', index)),
          )}
        </ul>
      </div>
    </div>`;
  }

  private renderPanel(item: WorkflowMetadata) {
    const selection = this.selection;
    const common = {
      workflow: item,
      roles: this.roles,
      errors: this.errors,
      language: this.language,
      onWorkflow: (next: WorkflowMetadata) => this.change(next),
      onRemoved: () => this.select(undefined),
    };
    if (selection?.kind === 'state') {
      return renderStatePanel({ ...common, index: selection.index, entities: this.entities });
    }
    if (selection?.kind === 'transition') {
      return renderTransitionPanel({ ...common, index: selection.index, entities: this.entities, rules: this.rules });
    }
    return html`<h3 id="panel-heading" class="visually-hidden">${workflowText(this.language, 'editor.workflow.heading')}</h3>
      <p>${workflowText(this.language, 'editor.workflow.noSelection')}</p>`;
  }
}
